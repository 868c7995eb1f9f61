"""Every key the pages show has a real Chinese text: not a copy of the English, unless the English is only
technical tokens (``tests/i18n_allow.py``) such as ``FP16`` or ``nn.Conv2d``."""

from __future__ import annotations

import re
from pathlib import Path

from lib.i18n import CATALOG
from tests.i18n_allow import CJK, is_technical

ROOT = Path(__file__).resolve().parent.parent
# t("key"), and t(f"prefix.{...}") whose literal prefix names a family of keys
CALL = re.compile(r"""\bt\(\s*(f?)["']([A-Za-z0-9_.{}\[\]' ]+)["']""")
FIELD = re.compile(r"\{[^{}]*\}")


def needs_translation(english: str) -> bool:
    """English that holds a real word: not only ``{fields}``, technical tokens or Chinese (a bilingual label)."""
    return not CJK.search(english) and not is_technical(FIELD.sub(" ", english))


def used_keys() -> set[str]:
    """Every catalogue key that ``app.py``, ``pages/`` and ``ui/`` can pass to ``t``."""
    used: set[str] = set()
    for path in [ROOT / "app.py", *ROOT.glob("pages/**/*.py"), *ROOT.glob("ui/**/*.py")]:
        for is_f, text in CALL.findall(path.read_text(encoding="utf-8")):
            if is_f and "{" in text:
                prefix = text.split("{", 1)[0]
                used |= {key for key in CATALOG if key.startswith(prefix)}
            else:
                used.add(text)
    return used & set(CATALOG)


def test_the_scan_finds_the_keys_the_pages_use() -> None:
    used = used_keys()
    assert {"app.title", "page.train.title", "convolution.calc.param.kernel"} <= used  # literal and f-string keys
    assert len(used) > 500


def test_the_allow_list_keeps_words_and_passes_tokens() -> None:
    assert needs_translation("per-epoch accuracy")
    assert needs_translation("{n} classes")
    assert not needs_translation("FP16 autocast + GradScaler")
    assert not needs_translation("nn.Conv2d({c}, 16, kernel_size=3)")
    assert not needs_translation("Language · 语言")


def test_every_key_the_pages_show_is_translated_to_chinese() -> None:
    copies = {
        key: CATALOG[key]["en"]
        for key in sorted(used_keys())
        if CATALOG[key]["zh"].strip() == CATALOG[key]["en"].strip() and needs_translation(CATALOG[key]["en"])
    }
    assert not copies, f"{len(copies)} keys show English text in Chinese mode: {copies}"


NOTES = re.compile(r"\bnotes\b|\bnotes'|笔记(?!本)|讲义", re.IGNORECASE)  # 笔记本(电脑) is a laptop


def test_no_text_cites_notes_the_learner_does_not_have() -> None:
    cited = {key: text for key, texts in CATALOG.items() for text in texts.values() if NOTES.search(text)}
    assert not cited, f"texts quote 'the notes' (the app has none): {cited}"
    assert NOTES.search("as in the study notes") and NOTES.search("与笔记一致") and not NOTES.search("笔记本电脑")


def test_every_coco_category_of_the_online_detectors_has_a_chinese_name() -> None:
    from torchvision.models import detection

    from lib.detection import ONLINE, coco_key
    from lib.i18n import translate

    for spec in ONLINE.values():
        for name in spec.weights.meta["categories"]:
            key = coco_key(name)
            assert key in CATALOG, name
            assert CJK.search(CATALOG[key]["zh"]), (name, CATALOG[key]["zh"])
    assert len({coco_key(n) for n in detection.SSD300_VGG16_Weights.COCO_V1.meta["categories"]}) == 82  # 80 + 2
    assert translate(coco_key("traffic light"), "zh") == "红绿灯"
    assert translate(coco_key("N/A"), "zh") == "未使用的编号"
    assert translate(coco_key("__background__"), "zh") == "背景"


def test_every_multiselect_prompts_in_the_learners_language() -> None:
    """Streamlit's own prompt is English: an emptied multiselect on a Chinese page would say "Choose options"."""
    calls = []
    for path in [*ROOT.glob("pages/**/*.py"), *ROOT.glob("ui/**/*.py")]:
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"st\.multiselect\(", text):
            depth, end = 0, match.end() - 1
            for end in range(match.end() - 1, len(text)):
                depth += {"(": 1, ")": -1}.get(text[end], 0)
                if depth == 0:
                    break
            calls.append((path.name, text[match.start() : end + 1]))
    assert calls
    missing = [name for name, call in calls if 'placeholder=t("common.choose")' not in call]
    assert not missing, missing
