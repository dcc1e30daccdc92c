#!/usr/bin/env python3
"""Fills unfinished messages of resources/i18n/ekimachi_ja.ts from resources/i18n/pending/*.tsv.

Each .tsv line: context<TAB>source<TAB>translation (context as lupdate writes it, e.g.
ekm::widgets::LayersDock; \\n in source/translation stands for a newline). Run after
`cmake --build BUILD --target ekimachi_widgets_lupdate`; prints what is still unfinished.
"""
import glob
import os
import sys
import xml.etree.ElementTree as ET

root_dir = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ts_path = os.path.join(root_dir, "resources", "i18n", "ekimachi_ja.ts")
pending = {}
for path in sorted(glob.glob(os.path.join(root_dir, "resources", "i18n", "pending", "*.tsv"))):
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 3:
                sys.exit(f"{path}:{n}: expected context<TAB>source<TAB>translation, found {len(parts)} fields")
            ctx, src, tr = (p.replace("\\n", "\n") for p in parts)
            pending[(ctx, src)] = tr

tree = ET.parse(ts_path)
missing = []
filled = 0
for context in tree.getroot().iter("context"):
    name = context.findtext("name")
    for message in context.iter("message"):
        tr = message.find("translation")
        if tr is None or tr.get("type") != "unfinished":
            continue
        src = message.findtext("source")
        key = (name, src)
        if key in pending:
            tr.text = pending[key]
            del tr.attrib["type"]
            filled += 1
        else:
            missing.append(key)
tree.write(ts_path, encoding="utf-8", xml_declaration=True)
with open(ts_path, encoding="utf-8") as f:
    text = f.read()
text = text.replace("<?xml version='1.0' encoding='utf-8'?>", '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>', 1)
with open(ts_path, "w", encoding="utf-8") as f:
    f.write(text)
print(f"filled {filled}; still unfinished {len(missing)}")
for ctx, src in missing:
    print(f"  {ctx}\t{src!r}")
sys.exit(1 if missing else 0)
