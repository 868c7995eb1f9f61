"""lib.images only asks Pillow for formats it has, so junk bytes get the clear 'not an image' message."""

import pytest
from PIL import Image

from lib.images import READABLE_FORMATS, load_image


def test_every_readable_format_is_known_to_pillow() -> None:
    Image.init()
    assert set(READABLE_FORMATS) <= set(Image.OPEN)


@pytest.mark.parametrize("data", [b"nope", b"%PDF-1.7 not an image", bytes(range(256))])
def test_junk_bytes_are_a_clear_error(data: bytes) -> None:
    with pytest.raises(ValueError, match="not an image we can read"):
        load_image(data)
