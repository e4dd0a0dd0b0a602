#!/usr/bin/env python3
"""The web page in a real browser: Debian's chromium, headless, driven by selenium.

Starts `gongwen serve` on a free loopback port, pastes samples/seed-002.txt, finds its
headings in the outline, lowers one heading a level, downloads the DOCX, PDF, OFD and XML,
and checks that the DOCX, PDF and OFD are byte for byte the ones `gongwen convert` makes from the
downloaded XML (the edited tree), and that the XML is the command's own tree with that one
level changed. It sets a 文号 and a seal image in the official-copy fields and finds them in
the structure and the preview. Then it checks that a document over the size limit gets its
message on the page. Keeps a screenshot in target/serve-screenshot.png.

    python3 crates/gongwen-server/tests/browser.py target/debug/gongwen
"""

import os
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "tests" / "support"))

from chromium import check, chromium, results  # noqa: E402
from selenium.common.exceptions import StaleElementReferenceException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

SAMPLE = ROOT / "samples" / "seed-002.txt"
SCREENSHOT = ROOT / "target" / "serve-screenshot.png"
NS = "{urn:gongwen:document:1}"
LIMIT_MB = 1

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(gongwen, port):
    log = tempfile.TemporaryFile()
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    server = subprocess.Popen(
        [gongwen, "serve", "--listen", f"127.0.0.1:{port}", "--max-mb", str(LIMIT_MB)],
        stderr=log,
        env=env,
    )
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:
                if r.read() == b"ok\n":
                    return server, log
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("gongwen serve did not answer /healthz within 30 s")


def wait_for_file(directory, suffix, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        done = [p for p in directory.iterdir() if p.name.endswith(suffix)]
        if done and not any(p.name.endswith(".crdownload") for p in directory.iterdir()):
            return done[0]
        time.sleep(0.1)
    raise AssertionError(f"no *{suffix} downloaded into {directory}: {list(directory.iterdir())}")


# Block elements whose name is not the block's kind: the attachment note is written as
# <attachments>, one <attachment> per listed attachment.
KIND_OF_ELEMENT = {"attachments": "attachment"}


def blocks(xml_bytes):
    """The blocks of a gongwen XML file as (kind, attributes, text), meta left out."""
    root = ET.fromstring(xml_bytes)
    return [
        (KIND_OF_ELEMENT.get(tag, tag), dict(el.attrib), "".join(el.itertext()))
        for el in root
        if el.tag != NS + "meta"
        for tag in [el.tag.removeprefix(NS)]
    ]


def red_png(side):
    """A red disc on transparency, as a PNG of `side` pixels."""
    rows = b""
    for y in range(side):
        rows += b"\x00" + b"".join(
            b"\xdc\x00\x00\xff" if (x - side / 2 + 0.5) ** 2 + (y - side / 2 + 0.5) ** 2 <= (side / 2) ** 2 else b"\xff\xff\xff\x00"
            for x in range(side)
        )

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", side, side, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def main():
    gongwen = str(Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "target/debug/gongwen").resolve())
    port = free_port()
    server, log = start_server(gongwen, port)
    work = Path(tempfile.mkdtemp(prefix="gongwen-browser-"))
    downloads = work / "downloads"
    downloads.mkdir()
    driver = chromium(downloads)
    # The outline is drawn anew after every answer: an element found just before may be gone.
    wait = WebDriverWait(driver, 30, ignored_exceptions=[StaleElementReferenceException])
    cli_xml = subprocess.run(
        [gongwen, "convert", str(SAMPLE), "--to", "xml", "-o", "-"], check=True, capture_output=True
    ).stdout
    expected_headings = [(a["label"], int(a["level"]), t) for tag, a, t in blocks(cli_xml) if tag == "heading"]
    state = {}

    def rows():
        return driver.find_elements(By.CSS_SELECTOR, "#outline li.block")

    def heading_rows():
        return [r for r in rows() if r.get_attribute("data-kind") == "heading"]

    def page_loads():
        driver.get(f"http://127.0.0.1:{port}/")
        assert driver.title.startswith("公文排版"), driver.title
        assert driver.find_element(By.ID, "download-pdf").get_attribute("disabled") is not None
        severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert not severe, severe

    def paste_finds_headings():
        text = SAMPLE.read_text(encoding="utf-8")
        area = driver.find_element(By.ID, "source")
        # A paste puts the text in the field and fires one input event, as this does.
        driver.execute_script(
            "arguments[0].value = arguments[1];"
            "arguments[0].dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste'}));",
            area,
            text,
        )
        wait.until(lambda d: len(heading_rows()) == len(expected_headings))
        found = []
        for r in heading_rows():
            label = r.find_element(By.CSS_SELECTOR, ".label-text").text
            level = int(Select(r.find_element(By.CSS_SELECTOR, "select.level")).first_selected_option.get_attribute("value"))
            whole = r.find_element(By.CSS_SELECTOR, ".text").text
            found.append((label, level, whole.removeprefix(label)))
        assert found == expected_headings, (found, expected_headings)
        title = rows()[0]
        assert title.get_attribute("data-kind") == "title"
        removed = [r for r in rows() if r.get_attribute("data-kind") == "removed"]
        assert removed and removed[-1].find_element(By.CSS_SELECTOR, "del").get_attribute("textContent").startswith("《某市长")
        assert "网站尾注" in removed[-1].find_element(By.CSS_SELECTOR, ".reason").get_attribute("textContent")
        assert removed[-1].find_element(By.CSS_SELECTOR, "button.restore").is_displayed()

    def preview_shows_pages():
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#preview img.page"))
        wait.until(lambda d: all(
            d.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", img)
            for img in d.find_elements(By.CSS_SELECTOR, "#preview img.page")
        ))
        state["pages_before"] = [i.get_attribute("src") for i in driver.find_elements(By.CSS_SELECTOR, "#preview img.page")]

    def level_change_follows():
        second = [r for r in heading_rows() if r.find_element(By.CSS_SELECTOR, ".label-text").text == "二、"][0]
        index = second.get_attribute("data-index")
        state["index"] = int(index)
        Select(second.find_element(By.CSS_SELECTOR, "select.level")).select_by_value("2")
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'#outline li[data-index="{index}"]').get_attribute("data-level") == "2")
        row = driver.find_element(By.CSS_SELECTOR, f'#outline li[data-index="{index}"]')
        assert "edited" in row.get_attribute("class")
        # The preview is drawn again from the corrected tree.
        wait.until(lambda d: [i.get_attribute("src") for i in d.find_elements(By.CSS_SELECTOR, "#preview img.page")] != state["pages_before"])
        SCREENSHOT.parent.mkdir(exist_ok=True)
        driver.save_screenshot(str(SCREENSHOT))

    def downloads_are_the_commands_files():
        got = {}
        for fmt in ["xml", "pdf", "docx", "ofd"]:
            driver.find_element(By.ID, f"download-{fmt}").click()
            got[fmt] = wait_for_file(downloads, "." + fmt).read_bytes()
        page_blocks = blocks(got["xml"])
        want = blocks(cli_xml)
        tag, attrs, text = want[state["index"]]
        assert (tag, attrs["label"]) == ("heading", "二、"), want[state["index"]]
        want[state["index"]] = (tag, {**attrs, "level": "2"}, text)
        assert page_blocks == want, "the page's XML is not the command's tree with the one level changed"
        edited = work / "edited.xml"
        edited.write_bytes(got["xml"])
        for fmt in ["pdf", "docx", "ofd"]:
            out = work / f"cli.{fmt}"
            env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
            subprocess.run([gongwen, "convert", str(edited), "-o", str(out)], check=True, env=env, capture_output=True)
            assert got[fmt] == out.read_bytes(), f"the page's {fmt} differs from `gongwen convert edited.xml`"
        assert got["pdf"].startswith(b"%PDF") and got["docx"].startswith(b"PK") and got["ofd"].startswith(b"PK")

    def restore_brings_a_removed_line_back():
        removed = [r for r in rows() if r.get_attribute("data-kind") == "removed"][-1]
        index = removed.get_attribute("data-index")
        removed.find_element(By.CSS_SELECTOR, "button.restore").click()
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'#outline li[data-index="{index}"]').get_attribute("data-kind") == "p")
        # The earlier correction is kept.
        row = driver.find_element(By.CSS_SELECTOR, f'#outline li[data-index="{state["index"]}"]')
        assert row.get_attribute("data-level") == "2"

    def a_chosen_gbk_file_is_decoded_by_the_server():
        gbk = ROOT / "samples" / "encodings" / "seed-000.gbk.txt"
        expected = blocks(subprocess.run(
            [gongwen, "convert", str(gbk), "--to", "xml", "-o", "-"], check=True, capture_output=True
        ).stdout)
        driver.find_element(By.ID, "file").send_keys(str(gbk))
        note = driver.find_element(By.ID, "file-note")
        wait.until(lambda d: gbk.name in note.text)
        assert "gb18030" in note.text.lower(), note.text
        wait.until(lambda d: len(rows()) == len(expected))
        kinds = [r.get_attribute("data-kind") for r in rows()]
        assert kinds == [tag for tag, _, _ in expected], (kinds, expected)
        text = driver.find_element(By.ID, "source").get_attribute("value")
        assert text == gbk.read_bytes().decode("gb18030"), "the source shown is not the decoded file"

    def an_official_copy_shows_its_parts_and_appendix():
        official = ROOT / "samples" / "official-001.txt"
        expected = blocks(subprocess.run(
            [gongwen, "convert", str(official), "--to", "xml", "-o", "-"], check=True, capture_output=True
        ).stdout)
        driver.find_element(By.ID, "file").send_keys(str(official))
        top = lambda: driver.find_elements(By.CSS_SELECTOR, "#outline > li.block")  # noqa: E731
        wait.until(lambda d: official.name in d.find_element(By.ID, "file-note").text)
        wait.until(lambda d: [r.get_attribute("data-kind") for r in top()] == [tag for tag, _, _ in expected])
        for kind in ["issuer", "number", "classification", "urgency", "cc", "printed"]:
            row = [r for r in top() if r.get_attribute("data-kind") == kind][0]
            shown = Select(row.find_element(By.CSS_SELECTOR, "select.role")).first_selected_option.text
            assert shown and kind not in shown.split()[0], (kind, shown)
        appendices = [r for r in top() if r.get_attribute("data-kind") == "appendix"]
        want = [el for el in ET.fromstring(subprocess.run(
            [gongwen, "convert", str(official), "--to", "xml", "-o", "-"], check=True, capture_output=True
        ).stdout) if el.tag == NS + "appendix"]
        assert len(appendices) == len(want)
        for row, el in zip(appendices, want):
            children = row.find_elements(By.CSS_SELECTOR, "ol.children > li.block")
            kinds = [c.get_attribute("data-kind") for c in children]
            assert kinds == [c.tag.removeprefix(NS) for c in el if c.tag != NS + "title"], kinds
            title = "".join(el.find(NS + "title").itertext()).strip()
            assert title in row.find_element(By.CSS_SELECTOR, ":scope > .text").get_attribute("textContent")
            assert not any(c.find_element(By.CSS_SELECTOR, "select.role").is_enabled() for c in children)
        driver.save_screenshot(str(SCREENSHOT.with_name("serve-screenshot-official.png")))

    def a_chosen_word_draft_is_read_by_the_docx_reader():
        draft = work / "draft.docx"
        subprocess.run([gongwen, "convert", str(SAMPLE), "-o", str(draft)], check=True, capture_output=True)
        expected = blocks(subprocess.run(
            [gongwen, "convert", str(draft), "--to", "xml", "-o", "-"], check=True, capture_output=True
        ).stdout)
        assert [t for t, _, _ in expected if t == "heading"], "the draft has headings"
        driver.find_element(By.ID, "file").send_keys(str(draft))
        note = driver.find_element(By.ID, "file-note")
        wait.until(lambda d: draft.name in note.text)
        assert "Word" in note.text, note.text
        top = lambda: driver.find_elements(By.CSS_SELECTOR, "#outline > li.block")  # noqa: E731
        wait.until(lambda d: [r.get_attribute("data-kind") for r in top()] == [tag for tag, _, _ in expected])
        found = [
            (r.find_element(By.CSS_SELECTOR, ".label-text").text,
             int(Select(r.find_element(By.CSS_SELECTOR, "select.level")).first_selected_option.get_attribute("value")))
            for r in heading_rows()
        ]
        assert found == [(a["label"], int(a["level"])) for t, a, _ in expected if t == "heading"], found
        status = driver.find_element(By.ID, "status")
        assert status.get_attribute("role") != "alert", status.text

    def official_fields_set_a_number_and_a_seal():
        official = ROOT / "samples" / "official-002.txt"
        driver.execute_script(
            "arguments[0].value = arguments[1];"
            "arguments[0].dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste'}));",
            driver.find_element(By.ID, "source"),
            official.read_text(encoding="utf-8"),
        )
        number = "某政发〔2025〕99号"
        field = driver.find_element(By.ID, "opt-number")
        field.send_keys(number)
        # A text field tells its change when it loses the focus.
        driver.find_element(By.ID, "opt-cc").click()
        top = lambda: driver.find_elements(By.CSS_SELECTOR, "#outline > li.block")  # noqa: E731
        wait.until(lambda d: any(
            r.get_attribute("data-kind") == "number" and number in r.find_element(By.CSS_SELECTOR, ".text").text
            for r in top()
        ))

        def red_preview_pixels():
            # The pages are same-origin blob images: drawn on a canvas, their pixels can be read.
            return driver.execute_script(
                "let red = 0;"
                "for (const img of document.querySelectorAll('#preview img.page')) {"
                "  if (!img.complete || !img.naturalWidth) return -1;"
                "  const c = document.createElement('canvas');"
                "  c.width = img.naturalWidth; c.height = img.naturalHeight;"
                "  const g = c.getContext('2d'); g.drawImage(img, 0, 0);"
                "  const d = g.getImageData(0, 0, c.width, c.height).data;"
                "  for (let i = 0; i < d.length; i += 4) if (d[i] > 200 && d[i + 1] < 80 && d[i + 2] < 80) red++;"
                "}"
                "return red;"
            )

        # The issuer mark and its rule are red already; the seal's place adds its circle.
        wait.until(lambda d: red_preview_pixels() >= 0)
        before = red_preview_pixels()
        seal = work / "seal.png"
        seal.write_bytes(red_png(64))
        driver.find_element(By.ID, "opt-seal").send_keys(str(seal))
        wait.until(lambda d: red_preview_pixels() > before + 200)
        for old in downloads.iterdir():
            old.unlink()
        driver.find_element(By.ID, "download-pdf").click()
        pdf = wait_for_file(downloads, ".pdf")
        text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
        # pdftotext parts the number's digits from 号 at the script space: blanks aside.
        assert number in "".join(text.split()), "the 文号 in the downloaded PDF"
        images = subprocess.run(["pdfimages", "-list", str(pdf)], check=True, capture_output=True, text=True).stdout
        assert [l.split()[2] for l in images.splitlines()[2:]] == ["image", "smask"], images

    def too_large_is_told():
        big = "同志们：\n" + "今天我们召开会议。\n" * (LIMIT_MB * 1024 * 1024 // 27 + 10)
        driver.execute_script(
            "arguments[0].value = arguments[1];"
            "arguments[0].dispatchEvent(new InputEvent('input', {bubbles: true}));",
            driver.find_element(By.ID, "source"),
            big,
        )
        status = driver.find_element(By.ID, "status")
        wait.until(lambda d: "413" in status.text)
        assert "文件太大" in status.text and status.get_attribute("role") == "alert", status.text
        assert driver.find_element(By.ID, "download-pdf").get_attribute("disabled") is not None

    try:
        check("the page loads with no script errors", page_loads)
        check("pasting seed-002 shows its title, headings and removed trailer", paste_finds_headings)
        check("the preview draws the pages", preview_shows_pages)
        check("changing a heading's level updates the outline and the preview", level_change_follows)
        check("the downloaded DOCX, PDF and OFD are the command's for the edited tree", downloads_are_the_commands_files)
        check("restoring a removed line keeps the other corrections", restore_brings_a_removed_line_back)
        check("a GBK file chosen in the page is decoded and read as the command reads it", a_chosen_gbk_file_is_decoded_by_the_server)
        check("an official copy shows its parts by name and its appendices' blocks", an_official_copy_shows_its_parts_and_appendix)
        check("a Word draft chosen in the page is read as the command reads it", a_chosen_word_draft_is_read_by_the_docx_reader)
        check("the official-copy fields set a 文号 and a seal, seen in the structure and the preview", official_fields_set_a_number_and_a_seal)
        check("a document over the size limit gets a message on the page", too_large_is_told)
    finally:
        driver.quit()
        server.terminate()
        code = server.wait(timeout=30)
        log.seek(0)
        lines = log.read().decode("utf-8", "replace").splitlines()
    results_shutdown = code == 0 and lines[-1] == "gongwen serve: stopped"
    print(("ok  " if results_shutdown else "FAIL") + " the server stops cleanly on SIGTERM")
    results.append(("shutdown", None if results_shutdown else "\n".join(lines[-5:])))
    text_lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    leaked = [l for l in lines if any(t[:12] in l for t in text_lines if len(t) >= 12)]
    print(("ok  " if not leaked else "FAIL") + " the access log holds no document text")
    results.append(("log", "\n".join(leaked) or None))
    failed = sum(1 for _, e in results if e)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
