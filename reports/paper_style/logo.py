"""A council's logo, checked by what the file is, not by its name: a PNG or JPEG that Pillow can
read, within a size and a number of pixels, so that a hostile or huge upload is refused with a
GOV.UK error before anything is stored or printed."""

import io
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

MAX_BYTES = 500 * 1024
MAX_SIDE = 2000  # pixels, either way
MIN_SIDE = 16
FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}


class LogoRefused(ValueError):
    """The upload is not a logo the paper may print; the message is the GOV.UK error."""


@dataclass(frozen=True)
class CheckedLogo:
    data: bytes
    content_type: str


def _sniffed(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    return None


def check_logo(data: bytes) -> CheckedLogo:
    if not data:
        raise LogoRefused("The selected file is empty")
    if len(data) > MAX_BYTES:
        raise LogoRefused("The selected file must be smaller than 500KB")
    expected = _sniffed(data)
    if expected is None:
        raise LogoRefused("The selected file must be a PNG or JPG")
    try:
        with Image.open(io.BytesIO(data)) as image:
            # The header's size first: a decompression bomb is refused before it is decoded.
            width, height = image.size
            if image.format != expected:
                raise LogoRefused("The selected file must be a PNG or JPG")
            if max(width, height) > MAX_SIDE:
                raise LogoRefused("The logo must be 2,000 pixels or fewer wide and high")
            if min(width, height) < MIN_SIDE:
                raise LogoRefused("The logo must be at least 16 pixels wide and high")
            image.verify()  # the file's structure and checksums
        with Image.open(io.BytesIO(data)) as image:
            image.load()  # and every pixel decoded: a truncated or corrupt file fails here
    except LogoRefused:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise LogoRefused("The selected file must be a PNG or JPG that opens") from None
    return CheckedLogo(data, FORMATS[expected])
