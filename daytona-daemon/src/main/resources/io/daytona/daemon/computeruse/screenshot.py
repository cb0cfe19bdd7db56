# The daemon's screenshot worker: one JSON request a line on stdin, one JSON answer a line on
# stdout. It lives while the desktop runs, so a screenshot costs a grab and an encode, not a
# Python start. Pillow grabs the X display through XCB.
import base64
import io
import json
import sys

from PIL import Image, ImageDraw, ImageGrab

DISPLAY = sys.argv[1]
FORMATS = {"png": "PNG", "jpeg": "JPEG", "jpg": "JPEG", "webp": "WEBP"}


def draw_cursor(image, x, y):
    """A crosshair with a red centre, as upstream draws it (X has no cursor in a grab)."""
    draw = ImageDraw.Draw(image)
    size = 20
    for offset in (-1, 1):
        draw.line([(x - size, y + offset), (x + size, y + offset)], fill=(255, 255, 255))
        draw.line([(x + offset, y - size), (x + offset, y + size)], fill=(255, 255, 255))
    draw.line([(x - size, y), (x + size, y)], fill=(0, 0, 0))
    draw.line([(x, y - size), (x, y + size)], fill=(0, 0, 0))
    draw.rectangle([(x - 2, y - 2), (x + 2, y + 2)], fill=(255, 0, 0))


def shoot(request):
    image = ImageGrab.grab(xdisplay=DISPLAY)
    width, height = image.size
    region = request.get("region")
    if region:
        x, y, w, h = region
        if x + w > width or y + h > height:
            return {"badRequest": "the region %d,%d %dx%d is not inside the display (%dx%d)" % (x, y, w, h, width, height)}
        image = image.crop((x, y, x + w, y + h))
        ox, oy = x, y
    else:
        ox, oy = 0, 0
    cursor = request.get("cursor")
    if cursor:
        draw_cursor(image, cursor[0] - ox, cursor[1] - oy)
    scale = request.get("scale", 1.0)
    if scale != 1.0:
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        image = image.resize(size, Image.Resampling.BILINEAR)
    fmt = FORMATS[request.get("format", "png")]
    out = io.BytesIO()
    if fmt == "PNG":
        image.save(out, format="PNG", compress_level=request.get("compressLevel", 6))
    else:
        image.convert("RGB").save(out, format=fmt, quality=request.get("quality", 85))
    data = out.getvalue()
    return {"image": base64.b64encode(data).decode("ascii"), "size": len(data),
            "width": image.width, "height": image.height}


for line in sys.stdin:
    try:
        answer = shoot(json.loads(line))
    except Exception as error:  # the daemon reports it; the worker stays up
        answer = {"error": "%s: %s" % (type(error).__name__, error)}
    sys.stdout.write(json.dumps(answer) + "\n")
    sys.stdout.flush()
