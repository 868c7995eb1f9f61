"""Your labelled photos: selection -> box, table rows, COCO/VOC zip round trips, pycocotools, hostile files."""

from __future__ import annotations

import io
import json
import zipfile

import numpy as np
import pytest
from PIL import Image
from pycocotools.coco import COCO

from lib.detection_labels import (
    MAX_BOXES,
    MAX_IMAGE_SIDE,
    MAX_IMAGES,
    MAX_JSON_BYTES,
    Box,
    LabelSet,
    boxes_from_rows,
    check_label,
    load_zip,
    parse_json,
    read_coco,
    save_zip,
    selection_box,
    to_arrays,
    to_coco,
    unique_name,
)
from lib.errors import LessonError
from tests.own_objects import labelled_set


def png(width: int, height: int, colour: tuple[int, int, int] = (90, 120, 150)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def make_zip(files: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def coco(boxes: list[list[float]], width: int = 100, height: int = 80, file_name: str = "a.png") -> dict:
    return {
        "images": [{"id": 7, "file_name": file_name, "width": width, "height": height}],
        "annotations": [
            {"id": i + 1, "image_id": 7, "category_id": 3, "bbox": b, "area": b[2] * b[3], "iscrowd": 0}
            for i, b in enumerate(boxes)
        ],
        "categories": [{"id": 3, "name": "杯子"}],
    }


def refusal(data: bytes) -> str:
    with pytest.raises(LessonError) as caught:
        load_zip(data)
    return caught.value.key


def test_selection_box_orders_and_clips_to_the_photo() -> None:
    selection = {"points": [], "box": [{"xref": "x", "yref": "y", "x": [150.5, 20.0], "y": [70.0, -15.0]}]}
    assert selection_box(selection, 120, 90) == [20.0, 0.0, 120.0, 70.0]
    assert selection_box({"box": [{"x": [200, 300], "y": [10, 20]}]}, 120, 90) is None  # wholly outside
    assert selection_box({"box": []}, 120, 90) is None
    assert selection_box({"box": [{"x": ["a", 3], "y": [1, 2]}]}, 120, 90) is None
    two = {"box": [{"x": [0, 10], "y": [0, 10]}, {"x": [30, 60], "y": [40, 50]}]}
    assert selection_box(two, 120, 90) == [30.0, 40.0, 60.0, 50.0]  # the last rectangle dragged


def test_table_rows_become_boxes_and_bad_rows_are_refused() -> None:
    rows = [
        {"label": " mug ", "x1": 50, "y1": 10, "x2": 5, "y2": 40},
        {"label": None, "x1": None, "y1": None, "x2": None, "y2": None},  # a new empty row
    ]
    assert boxes_from_rows(rows, 100, 80) == [Box(5.0, 10.0, 50.0, 40.0, "mug")]
    for bad, key in (
        ({"label": "mug", "x1": "x", "y1": 0, "x2": 5, "y2": 5}, "detection.own.error.row_number"),
        ({"label": "mug", "x1": 0, "y1": 0, "x2": 1, "y2": 50}, "detection.own.error.row_empty"),
        ({"label": "", "x1": 0, "y1": 0, "x2": 10, "y2": 10}, "detection.own.error.class_name"),
        ({"label": "<a href=x>", "x1": 0, "y1": 0, "x2": 10, "y2": 10}, "detection.own.error.class_name"),
    ):
        with pytest.raises(LessonError) as caught:
            boxes_from_rows([bad], 100, 80)
        assert caught.value.key == key
    assert check_label("香蕉") == "香蕉"


def test_unique_names_and_photo_cap() -> None:
    assert unique_name("../x/a.jpg", {"a.jpg"}) == "a_2.jpg"
    assert unique_name("C:\\photos\\b", set()) == "b.png"
    labels = LabelSet()
    for _ in range(MAX_IMAGES):
        labels.add("p.png", Image.new("RGB", (4, 4)))
    assert len({item.name for item in labels.images}) == MAX_IMAGES
    with pytest.raises(LessonError, match=str(MAX_IMAGES)):
        labels.add("one_more.png", Image.new("RGB", (4, 4)))
    big = LabelSet()
    assert max(big.add("big.png", Image.new("RGB", (2000, 1000))).image.size) == MAX_IMAGE_SIDE


def test_zip_round_trip_keeps_photos_boxes_and_classes() -> None:
    labels = labelled_set(3)
    labels.images[0].boxes.append(Box(1.5, 2.25, 40.0, 30.5, "香蕉"))  # a Chinese class name survives too
    loaded = load_zip(save_zip(labels))
    assert [i.name for i in loaded.images] == [i.name for i in labels.images]
    assert loaded.classes == labels.classes
    for before, after in zip(labels.images, loaded.images, strict=True):
        assert np.array_equal(np.asarray(before.image), np.asarray(after.image))  # PNG: lossless
        assert [b.label for b in after.boxes] == [b.label for b in before.boxes]
        assert np.allclose([b.xyxy() for b in after.boxes], [b.xyxy() for b in before.boxes], atol=0.01)


def test_exported_annotations_read_back_by_pycocotools(tmp_path) -> None:
    labels = labelled_set(3)
    path = tmp_path / "annotations.json"
    path.write_text(json.dumps(to_coco(labels)))
    api = COCO(str(path))
    assert sorted(api.getImgIds()) == [1, 2, 3]
    assert [api.cats[i]["name"] for i in sorted(api.cats)] == list(labels.classes)
    annotations = [api.anns[i] for i in sorted(api.anns)]
    expected = [(n, b) for n, item in enumerate(labels.images, 1) for b in item.boxes]
    assert [a["id"] for a in annotations] == list(range(1, len(expected) + 1))
    for annotation, (image_id, box) in zip(annotations, expected, strict=True):
        x, y, w, h = annotation["bbox"]
        assert annotation["image_id"] == image_id
        assert api.cats[annotation["category_id"]]["name"] == box.label
        assert [x, y, x + w, y + h] == pytest.approx(box.xyxy(), abs=0.02)
        assert annotation["area"] == pytest.approx(w * h, abs=0.01)
        assert annotation["iscrowd"] == 0
    image = api.loadImgs(1)[0]
    assert (image["width"], image["height"]) == labels.images[0].image.size
    assert api.getAnnIds(imgIds=[2]) == [a["id"] for a in annotations if a["image_id"] == 2]


def test_label_studio_style_coco_and_pascal_voc_import() -> None:
    # Label Studio writes paths like "images/<hash>-a.png" or absolute upload paths: matched by base name.
    document = coco([[10, 20, 30, 40]], file_name="/data/upload/1/a.png")
    loaded = load_zip(make_zip({"result.json": json.dumps(document).encode(), "images/a.png": png(100, 80)}))
    assert [b.xyxy() for b in loaded.images[0].boxes] == [[10.0, 20.0, 40.0, 60.0]]
    assert loaded.classes == ("杯子",)
    voc = b"""<annotation><filename>b.jpg</filename><size><width>100</width><height>80</height><depth>3</depth></size>
    <object><name>cat</name><bndbox><xmin>5</xmin><ymin>6</ymin><xmax>50</xmax><ymax>60</ymax></bndbox></object>
    </annotation>"""
    photo = io.BytesIO()
    Image.new("RGB", (100, 80)).save(photo, format="JPEG")
    loaded = load_zip(make_zip({"Annotations/b.xml": voc, "JPEGImages/b.jpg": photo.getvalue()}))
    assert [(b.label, b.xyxy()) for b in loaded.images[0].boxes] == [("cat", [5.0, 6.0, 50.0, 60.0])]


def test_big_photos_are_kept_smaller_with_their_boxes_scaled() -> None:
    document = coco([[100, 50, 200, 100]], width=1280, height=640)
    loaded = load_zip(make_zip({"annotations.json": json.dumps(document).encode(), "a.png": png(1280, 640)}))
    assert loaded.images[0].image.size == (MAX_IMAGE_SIDE, MAX_IMAGE_SIDE // 2)
    assert loaded.images[0].boxes[0].xyxy() == pytest.approx([50, 25, 150, 75])  # bbox is [x, y, w, h]


@pytest.mark.parametrize(
    ("files", "key"),
    [
        ({"annotations.json": b"{not json", "a.png": png(100, 80)}, "detection.own.error.json"),
        ({"annotations.json": b"[1, 2]", "a.png": png(100, 80)}, "detection.own.error.coco_shape"),
        (
            {"annotations.json": json.dumps(coco([[90, 10, 30, 10]])).encode(), "a.png": png(100, 80)},
            "detection.own.error.box_outside",
        ),
        (
            {"annotations.json": json.dumps(coco([[-20, 10, 30, 10]])).encode(), "a.png": png(100, 80)},
            "detection.own.error.box_outside",
        ),
        (
            {"annotations.json": json.dumps(coco([[10, 10, 0, 10]])).encode(), "a.png": png(100, 80)},
            "detection.own.error.box_empty",
        ),
        (
            {"annotations.json": json.dumps(coco([[10, 10, 5, 5]])).encode(), "other.png": png(100, 80)},
            "detection.own.error.unknown_image",
        ),
        (
            {"annotations.json": json.dumps(coco([[10, 10, 5, 5]])).encode(), "a.png": png(90, 80)},
            "detection.own.error.size_mismatch",
        ),
        (
            {"annotations.json": json.dumps(coco([[10, 10, 5, 5]])).encode(), "a.png": b"not a png"},
            "detection.own.error.image",
        ),
        (
            {"annotations.json": json.dumps(coco([[10, "x", 5, 5]])).encode(), "a.png": png(100, 80)},
            "detection.own.error.field",
        ),
        (
            {"annotations.json": json.dumps(coco([[10, float("nan"), 5, 5]])).encode(), "a.png": png(100, 80)},
            "detection.own.error.field",
        ),
        ({"a.png": png(100, 80)}, "detection.own.error.no_annotations"),
        ({"x.json": b"{}", "y.json": b"{}"}, "detection.own.error.many_json"),
        ({"a.xml": b'<!DOCTYPE a [<!ENTITY b "c">]><annotation>&b;</annotation>'}, "detection.own.error.xml"),
        ({"a.xml": b"<annotation><filename>a.png</filename></annotation"}, "detection.own.error.xml"),
        ({"../evil.json": b"{}"}, "data.zip.error.unsafe_path"),
    ],
)
def test_hostile_annotation_zips_get_clear_messages(files: dict[str, bytes], key: str) -> None:
    assert refusal(make_zip(files)) == key


def test_unknown_ids_and_enormous_counts_are_refused() -> None:
    document = coco([[10, 10, 5, 5]])
    document["annotations"][0]["image_id"] = 8
    with pytest.raises(LessonError, match="8"):
        read_coco(document)
    document = coco([[10, 10, 5, 5]])
    document["annotations"][0]["category_id"] = 99
    with pytest.raises(LessonError, match="99"):
        read_coco(document)
    document = coco([[10, 10, 5, 5]] * (MAX_BOXES + 1))
    with pytest.raises(LessonError) as caught:
        read_coco(document)
    assert caught.value.key == "detection.own.error.too_many.annotations"
    many = {"images": [{"id": i, "file_name": f"{i}.png", "width": 9, "height": 9} for i in range(MAX_IMAGES + 1)]}
    with pytest.raises(LessonError) as caught:
        read_coco(many | {"annotations": [], "categories": []})
    assert caught.value.key == "detection.own.error.too_many.images"
    classes = [{"id": i, "name": f"c{i}"} for i in range(100)]
    with pytest.raises(LessonError) as caught:
        read_coco(coco([]) | {"categories": classes})
    assert caught.value.key == "detection.own.error.too_many.categories"
    huge = b'{"images": [], "annotations": [], "pad": "' + b"x" * MAX_JSON_BYTES + b'"}'
    assert refusal(make_zip({"annotations.json": huge}, zipfile.ZIP_STORED)) == "detection.own.error.json_size"
    assert refusal(make_zip({"annotations.json": huge})) == "data.zip.error.bomb"  # compresses like a bomb
    with pytest.raises(LessonError) as caught:
        parse_json(huge)
    assert caught.value.key == "detection.own.error.json_size"
    assert refusal(b"PK\x03\x04 not really a zip") == "data.zip.error.not_zip"


def test_training_arrays_hold_squashed_photos_and_box_fractions() -> None:
    labels = labelled_set(2)
    data = to_arrays(labels.images, labels.classes, 64)
    assert data.images.shape == (2, 3, 64, 64) and data.images.dtype.is_floating_point is False
    first = labels.images[0]
    width, height = first.image.size
    expected = [
        [labels.classes.index(b.label), b.x1 / width, b.y1 / height, b.x2 / width, b.y2 / height] for b in first.boxes
    ]
    assert np.allclose(data.labels[0, : len(expected)].numpy(), expected)
    assert (data.labels[0, len(expected) :] == -1).all()
    square = np.asarray(first.image.resize((64, 64), Image.Resampling.BILINEAR)).transpose(2, 0, 1)
    assert np.array_equal(data.images[0].numpy(), square)
