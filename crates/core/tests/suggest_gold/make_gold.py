#!/usr/bin/env python3
"""Builds NAME.txt + NAME.gold.json from the hand-annotated markup in markup/{dev,heldout}/NAME.md.

Markup (annotations nest):
  ⟪q|SPEAKER|“quoted text”⟫   a quote; SPEAKER is the named entity who said it (empty: nobody)
  ⟪f|VALUE;UNIT;QUALIFIER;QUANTITY;SOURCE|text⟫   a figure; VALUE may be LOW..HIGH; empty fields
                                 are absent; an empty QUALIFIER means "exact"
  ⟪c|text⟫                     a claim
First lines: "#title: ..." and optionally "#crlf" (the .txt is written with CRLF line endings, as
pasted from a Windows clipboard; the loader normalises them like a paste does).

Run from this directory: python3 make_gold.py
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def parse(src):
    out = []
    spans = []
    stack = []
    i = 0
    while i < len(src):
        c = src[i]
        if c == "⟪":
            kind = src[i + 1]
            assert src[i + 2] == "|", src[i : i + 40]
            j = i + 3
            header = None
            if kind in "qf":
                k = src.index("|", j)
                header = src[j:k]
                j = k + 1
            elif kind != "c":
                raise SystemExit(f"unknown kind {kind!r} at {src[i:i+40]!r}")
            stack.append((kind, header, len(out)))
            i = j
        elif c == "⟫":
            kind, header, start = stack.pop()
            spans.append((kind, header, start, len(out)))
            i += 1
        else:
            out.append(c)
            i += 1
    assert not stack, stack
    return "".join(out), spans


def occurrences(text, needle):
    res = []
    at = text.find(needle)
    while at != -1:
        res.append(at)
        at = text.find(needle, at + 1)
    return res


NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "deux": 2, "trois": 3}


def number(v):
    v = v.replace(",", "").replace(" ", "")
    if v in NUMBER_WORDS:
        return NUMBER_WORDS[v]
    return float(v) if "." in v or "e" in v else int(v)


def words(s):
    return len([w for w in s.strip("“”\"'‘’«»„‚ \u00a0").split() if w])


def build(path, out_dir):
    src = open(path, encoding="utf-8").read()
    lines = src.split("\n")
    title, crlf = "", False
    while lines and lines[0].startswith("#"):
        head = lines.pop(0)
        if head.startswith("#title:"):
            title = head[len("#title:") :].strip()
        elif head.strip() == "#crlf":
            crlf = True
    body = "\n".join(lines).strip("\n") + "\n"
    text, spans = parse(body)
    spans.sort(key=lambda s: (s[2], -s[3]))
    gold = []
    for kind, header, s, e in spans:
        covered = text[s:e]
        nth = occurrences(text, covered).index(s)
        g = {"label": {"q": "quote", "f": "figure", "c": "claim"}[kind], "text": covered}
        if nth:
            g["nth"] = nth
        if kind == "q":
            if header:
                g["speaker"] = header
            g["style"] = "partial" if words(covered) <= 3 else "full"
        if kind == "f":
            fields = (header.split(";") + [""] * 5)[:5]
            value, unit, qualifier, quantity, source = fields
            lo, _, hi = value.partition("..")
            g["value"] = number(lo)
            if hi:
                g["value_max"] = number(hi)
            if unit:
                g["unit"] = unit
            g["qualifier"] = qualifier or "exact"
            if quantity:
                g["quantity"] = quantity
            if source:
                g["source"] = source
        gold.append(g)
    name = os.path.basename(path)[: -len(".md")]
    with open(os.path.join(out_dir, name + ".txt"), "w", encoding="utf-8", newline="") as f:
        f.write(text.replace("\n", "\r\n") if crlf else text)
    with open(os.path.join(out_dir, name + ".gold.json"), "w", encoding="utf-8") as f:
        f.write('{"title": ' + json.dumps(title, ensure_ascii=False))
        f.write(', "figure_attributes": ["quantity", "source"], "spans": [\n')
        f.write(",\n".join("  " + json.dumps(g, ensure_ascii=False) for g in gold))
        f.write("\n]}\n")


def main():
    for sub, out in (("dev", HERE), ("heldout", os.path.join(HERE, "heldout"))):
        d = os.path.join(HERE, "markup", sub)
        for name in sorted(os.listdir(d)):
            if name.endswith(".md"):
                build(os.path.join(d, name), out)


if __name__ == "__main__":
    sys.exit(main())
