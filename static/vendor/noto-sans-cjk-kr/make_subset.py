"""Cut the vendored subset of Noto Sans CJK KR (see README.md): every character of the UI catalogues, of the data's
names and labels in both languages, of the number formats, and printable ASCII. Run with fontTools installed
(a throwaway venv: `pip install fonttools`), from the repository root:

    python static/vendor/noto-sans-cjk-kr/make_subset.py /usr/share/fonts/opentype/noto
"""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent
# What the preview images may write from the data. Not name_zh: 120 Hanzi would add ~48 KB a weight; a name shown
# with its Hanzi in brackets is drawn without them (preview_image._without_aside).
DATA_COLUMNS = {
    "entities.csv": ("name_ko", "name_en"), "sectors.csv": ("name_ko", "name_en"),
    "figures.csv": ("label_ko", "label_en"), "story.csv": ("title_ko", "title_en"),
    "clauses.csv": ("title_ko", "title_en"),
}
EXTRA = "…–—·‘’“”→≈₩①②③④✔⚠↺✘×"


def characters() -> str:
    chars = {chr(c) for c in range(0x20, 0x7F)} | set(EXTRA)
    for lang in ("ko", "en"):
        for text in json.loads((ROOT / "components" / "i18n" / f"{lang}.json").read_text(encoding="utf-8")).values():
            chars |= set(text)
    for name, columns in DATA_COLUMNS.items():
        with (ROOT / "data" / name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for column in columns:
                    chars |= set(row.get(column) or "")
    chars |= {c for c in (ROOT / "components" / "views" / "formatting.py").read_text(encoding="utf-8") if ord(c) > 0x7F}
    return "".join(sorted(c for c in chars if c.isprintable()))


def main(font_dir: str) -> None:
    text = characters()
    (HERE / "characters.txt").write_text(text + "\n", encoding="utf-8")
    for weight in ("Regular", "Bold"):
        subprocess.run([
            "pyftsubset", str(Path(font_dir) / f"NotoSansCJK-{weight}.ttc"), "--font-number=1",
            f"--text-file={HERE / 'characters.txt'}", f"--output-file={HERE / f'NotoSansCJKkr-{weight}.subset.otf'}",
            "--layout-features=kern,liga,ccmp,locl", "--no-hinting", "--desubroutinize", "--name-IDs=*",
            "--name-legacy", "--name-languages=*",
        ], check=True)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/opentype/noto")
