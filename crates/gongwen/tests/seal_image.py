"""Reads an OFD with easyofd (PyPI) and prints, as JSON on its last line, every ImageObject
it found on each page (its resource id and box in mm) and, for each image resource it
loaded, the width and height read from the PNG it holds.

usage: python3 seal_image.py FILE.ofd
"""

import base64
import json
import struct
import os
import sys
import tempfile

from loguru import logger

logger.remove()

from easyofd.ofd import OFD  # noqa: E402


def main():
    path = os.path.abspath(sys.argv[1])
    # easyofd unpacks into the working directory.
    with tempfile.TemporaryDirectory() as work:
        os.chdir(work)
        ofd = OFD()
        ofd.read(path, fmt="path")
        doc = ofd.data[0]
        pages = []
        for no in sorted(doc["page_info"]):
            images = doc["page_info"][no].get("img_list", [])
            pages.append([{"resource": i["ResourceID"], "pos": i["pos"]} for i in images])
        images = {}
        for key, image in doc["images"].items():
            png = base64.b64decode(image["imgb64"])
            if png.startswith(b"\x89PNG\r\n\x1a\n"):
                images[str(key)] = list(struct.unpack(">II", png[16:24]))
        print(json.dumps({"pages": pages, "images": images}))


if __name__ == "__main__":
    main()
