"""Spanmark's exports (written by the CLI in run.sh) loaded by the real consumer libraries.

Every offset check slices Python `str`, i.e. counts code points: the unit Spanmark promises.
"""

import io
import json
import os
import zipfile
from pathlib import Path

import pytest

OUT = Path(os.environ["SPANMARK_EXPORTS"])
HERE = Path(__file__).parent


def jsonl(name):
    return [json.loads(l) for l in (OUT / name).read_text(encoding="utf-8").splitlines() if l.strip()]


@pytest.fixture(scope="module")
def workspace():
    return jsonl("workspace.spanmark.jsonl")


def test_workspace_is_nontrivial(workspace):
    assert len(workspace) == 2
    assert sum(len(d["spans"]) for d in workspace) == 7
    # Astral-plane and combining characters are present, so code points != UTF-16 units.
    assert any(len(d["text"]) != len(d["text"].encode("utf-16-le")) // 2 for d in workspace)


# ---------------------------------------------------------------- spaCy / Prodigy

def spacy_docs():
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.blank("en")
    tasks = jsonl("export.spacy.jsonl")
    docs = []
    for task in tasks:
        words = [t["text"] for t in task["tokens"]]
        spaces = [t["ws"] for t in task["tokens"]]
        docs.append((task, Doc(nlp.vocab, words=words, spaces=spaces)))
    return nlp, docs


def test_spacy_tokens_rebuild_text_and_every_span_aligns(workspace):
    _, docs = spacy_docs()
    assert len(docs) == len(workspace)
    for (task, doc), native in zip(docs, workspace):
        assert doc.text == task["text"] == native["text"]
        for t, tok in zip(task["tokens"], doc):
            assert tok.idx == t["start"] and tok.idx + len(tok.text) == t["end"]
        for s in task["spans"]:
            span = doc.char_span(s["start"], s["end"], label=s["label"])
            assert span is not None, s
            assert span.start == s["token_start"] and span.end - 1 == s["token_end"]
            assert span.label_ == s["label"]


def test_spacy_docbin_and_example():
    from spacy.tokens import DocBin
    from spacy.training import Example

    nlp, docs = spacy_docs()
    db = DocBin(store_user_data=True)
    for task, doc in docs:
        doc.spans["sc"] = [doc.char_span(s["start"], s["end"], label=s["label"]) for s in task["spans"]]
        db.add(doc)
        annotations = {"spans": {"sc": [(s["start"], s["end"], s["label"]) for s in task["spans"]]}}
        example = Example.from_dict(nlp.make_doc(task["text"]), annotations)
        assert len(example.reference.spans["sc"]) == len(task["spans"])
    back = list(DocBin().from_bytes(db.to_bytes()).get_docs(nlp.vocab))
    assert [len(d.spans["sc"]) for d in back] == [len(t["spans"]) for t, _ in docs]
    assert {s.label_ for d in back for s in d.spans["sc"]} >= {"Speaker Name", "quote", "figure"}


def test_spacy_entities_when_not_overlapping():
    """Non-overlapping spans also work as doc.ents (NER training)."""
    from spacy.util import filter_spans

    nlp, docs = spacy_docs()
    for task, doc in docs:
        spans = [doc.char_span(s["start"], s["end"], label=s["label"]) for s in task["spans"]]
        doc.ents = filter_spans(spans)
        assert len(doc.ents) >= 1


# ---------------------------------------------------------------- Hugging Face datasets

def test_datasets_loads_hf_export_with_class_labels():
    from datasets import ClassLabel, Sequence, Value, load_dataset

    ds = load_dataset("json", data_files=str(OUT / "export.hf.jsonl"), split="train")
    assert ds.features["tokens"] == Sequence(Value("string")) or str(ds.features["tokens"]).find("string") >= 0
    assert "int64" in str(ds.features["ner_tags"])
    names = ds[0]["ner_tag_names"]
    assert names[0] == "O" and "B-Speaker Name" in names
    ds = ds.cast_column("ner_tags", Sequence(ClassLabel(names=names)))
    feature = ds.features["ner_tags"]
    inner = getattr(feature, "feature", None) or feature
    assert isinstance(inner, ClassLabel) and inner.names == names
    quote = [r for r in ds if r["layer"] == "quote"][0]
    tags = [names[i] for i in quote["ner_tags"]]
    assert tags.count("B-quote") == 1
    assert len(quote["tokens"]) == len(quote["ner_tags"])


def test_datasets_loads_native_export():
    from datasets import load_dataset

    ds = load_dataset("json", data_files=str(OUT / "export.spanmark.jsonl"), split="train")
    assert ds.num_rows == 2
    spans = ds.features["spans"]
    text = str(spans)
    for key in ("start", "end", "start_utf16", "end_utf16", "label", "text"):
        assert key in text, key
    for row in ds:
        for s in row["spans"]:
            assert row["text"][s["start"]:s["end"]] == s["text"]
            utf16 = row["text"].encode("utf-16-le")
            assert utf16[2 * s["start_utf16"]:2 * s["end_utf16"]].decode("utf-16-le") == s["text"]


def test_native_export_carries_attributes_relations_and_details(workspace):
    """Typed attributes as JSON values (numbers as numbers, yes/no as booleans), relations by span
    id, and the document details, read by plain `json` and by `datasets`."""
    from datasets import load_dataset

    first = workspace[0]
    assert (first["published"], first["byline"], first["annotator"]) == ("2024-05-01", "By Noor Haddad", "ana")
    by_text = {s["text"]: s for d in workspace for s in d["spans"]}
    figure = by_text["1,200 trees"]["attributes"]
    assert figure["value"] == 1200 and isinstance(figure["value"], int)
    assert figure["qualifier"] == "at most" and figure["unit"] == "trees"
    claim = by_text["Critics 😀 doubt it."]["attributes"]
    assert claim["check_worthy"] is False and claim["verdict"] == "not checked"
    ids = {s["id"]: s for s in first["spans"]}
    kinds = {(ids[r["from"]]["label"], r["kind"], ids[r["to"]]["label"]) for r in first["relations"]}
    assert kinds == {("quote", "said-by", "Speaker Name"), ("claim", "about", "figure")}
    ds = load_dataset("json", data_files=str(OUT / "export.spanmark.jsonl"), split="train")
    # Spans stay a struct; their attributes (keys differ from label to label) come as JSON.
    assert "attributes" in str(ds.features["spans"])
    values = [s["attributes"]["value"] for row in ds for s in row["spans"] if "value" in s["attributes"]]
    assert sorted(values) == [5, 1200, 3000000]


def test_native_export_matches_json_schema():
    import jsonschema

    schema = json.loads((HERE / "spanmark.schema.json").read_text())
    for line in jsonl("export.spanmark.jsonl"):
        jsonschema.validate(line, schema)


# ---------------------------------------------------------------- Label Studio

LS_CONFIG = """<View>
  <Labels name="label" toName="text">
    <Label value="quote"/><Label value="Speaker Name"/><Label value="figure"/><Label value="claim"/>
  </Labels>
  <Text name="text" value="$text"/>
  <TextArea name="note" toName="text" perRegion="true"/>
  <Number name="value" toName="text" perRegion="true"/>
  <TextArea name="unit" toName="text" perRegion="true"/>
  <TextArea name="quantity" toName="text" perRegion="true"/>
  <Choices name="qualifier" toName="text" perRegion="true">
    <Choice value="exact"/><Choice value="about"/><Choice value="at least"/><Choice value="at most"/>
    <Choice value="more than"/><Choice value="less than"/><Choice value="up to"/><Choice value="between"/>
  </Choices>
  <Choices name="check_worthy" toName="text" perRegion="true"><Choice value="yes"/><Choice value="no"/></Choices>
  <Choices name="verdict" toName="text" perRegion="true">
    <Choice value="true"/><Choice value="false"/><Choice value="misleading"/>
    <Choice value="unverifiable"/><Choice value="not checked"/>
  </Choices>
  <Choices name="kind" toName="text" perRegion="true">
    <Choice value="direct"/><Choice value="partial"/><Choice value="scare"/>
  </Choices>
  <Relations><Relation value="said-by"/><Relation value="about"/></Relations>
</View>"""


def ls_value(v):
    """A per-region result as Spanmark wrote it, back to the native JSON value."""
    if v["type"] == "Number":
        return v["number"]
    if v["type"] == "Choices":
        (choice,) = v["choices"]
        return {"yes": True, "no": False}.get(choice, choice)
    (text,) = v["text"]
    return text


def test_label_studio_converter_reads_attributes_and_relations(workspace):
    """label-studio-converter reads each per-region attribute result with its region's offsets; it
    has no relation support of its own, so relations are checked against the regions it read."""
    from label_studio_converter import Converter

    converter = Converter(config=LS_CONFIG, project_dir=None, download_resources=False)
    items = list(converter.iter_from_json_file(str(OUT / "export.label-studio.json")))
    assert len(items) == len(workspace)
    tasks = json.loads((OUT / "export.label-studio.json").read_text())
    for item, native, task in zip(items, workspace, tasks):
        want = {(s["start"], s["end"], name): value
                for s in native["spans"] for name, value in s.get("attributes", {}).items()}
        got = {}
        for name, values in item["output"].items():
            if name in ("label", "note"):
                continue
            for v in values:
                got[(v["start"], v["end"], name)] = ls_value(v)
        assert got == want
        results = task["annotations"][0]["result"]
        regions = {r["id"]: r["value"] for r in results if r["type"] == "labels"}
        read = {(v["start"], v["end"]) for v in item["output"]["label"]}
        spans = {s["id"]: s for s in native["spans"]}
        relations = [r for r in results if r["type"] == "relation"]
        assert len(relations) == len(native["relations"])
        for r, n in zip(relations, native["relations"]):
            head, child = regions[r["from_id"]], regions[r["to_id"]]
            assert (head["start"], head["end"]) in read and (child["start"], child["end"]) in read
            assert (head["start"], head["end"]) == (spans[n["from"]]["start"], spans[n["from"]]["end"])
            assert (child["start"], child["end"]) == (spans[n["to"]]["start"], spans[n["to"]]["end"])
            assert r["labels"] == [n["kind"]]


def test_label_studio_converter_reads_the_export(tmp_path):
    from label_studio_converter import Converter

    tasks = json.loads((OUT / "export.label-studio.json").read_text())
    for task in tasks:
        text = task["data"]["text"]
        for r in task["annotations"][0]["result"]:
            if r["type"] == "labels":
                assert text[r["value"]["start"]:r["value"]["end"]] == r["value"]["text"]
    converter = Converter(config=LS_CONFIG, project_dir=None, download_resources=False)
    out = tmp_path / "min"
    converter.convert_to_json_min(str(OUT / "export.label-studio.json"), str(out), is_dir=False)
    produced = list(out.rglob("*.json")) if out.is_dir() else [out]
    rows = json.loads(produced[0].read_text())
    regions = [r for row in rows for r in row.get("label", [])]
    assert len(regions) == 7
    assert {tuple(r["labels"]) for r in regions} >= {("Speaker Name",), ("quote",)}
    for row in rows:
        for r in row.get("label", []):
            assert row["text"][r["start"]:r["end"]] == r["text"]
    conll = tmp_path / "conll"
    converter.convert_to_conll2003(str(OUT / "export.label-studio.json"), str(conll), is_dir=False)
    written = list(conll.rglob("*")) if conll.is_dir() else [conll]
    assert any(p.is_file() and "B-" in p.read_text() for p in written)


# ---------------------------------------------------------------- seqeval (IOB2)

def read_conll(path):
    docs, sentence, sentences = [], [], []
    for line in Path(path).read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            if sentence:
                sentences.append(sentence)
                sentence = []
            continue
        fields = line.split()  # the way most CoNLL readers split: any whitespace
        if fields[0] == "-DOCSTART-":
            continue
        sentence.append(fields)
    if sentence:
        sentences.append(sentence)
    return sentences


def test_seqeval_reads_every_layer_strictly():
    from seqeval.metrics import classification_report, f1_score
    from seqeval.metrics.sequence_labeling import get_entities
    from seqeval.scheme import IOB2

    sentences = read_conll(OUT / "export.iob2.conll")
    width = len(sentences[0][0])
    assert all(len(row) == width for s in sentences for row in s), "tokens or tags contain whitespace"
    found = set()
    for column in range(1, width):
        y = [[row[column] for row in s] for s in sentences]
        assert f1_score(y, y, mode="strict", scheme=IOB2) == 1.0 or not any(t != "O" for s in y for t in s)
        found |= {e[0] for e in get_entities(y)}
        classification_report(y, y, mode="strict", scheme=IOB2, zero_division=0)
    assert found == {"quote", "Speaker%20Name", "figure", "claim"}


def test_seqeval_single_layer_file():
    from seqeval.metrics.sequence_labeling import get_entities

    sentences = read_conll(OUT / "export.iob2-figure.conll")
    assert all(len(row) == 2 for s in sentences for row in s)
    entities = get_entities([[row[1] for row in s] for s in sentences])
    assert [e[0] for e in entities] == ["figure", "figure", "figure"]


# ---------------------------------------------------------------- W3C / pyld

def test_pyld_expands_the_w3c_export():
    from pyld import jsonld

    context = json.loads((HERE / "anno-context.jsonld").read_text())

    def loader(url, options=None):
        if url.rstrip("/") == "http://www.w3.org/ns/anno.jsonld":
            return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": context}
        raise RuntimeError(f"no network: {url}")

    doc = json.loads((OUT / "export.w3c.jsonld").read_text())
    expanded = jsonld.expand(doc, {"documentLoader": loader})
    flat = jsonld.flatten(doc, None, {"documentLoader": loader})
    nodes = flat["@graph"] if isinstance(flat, dict) else flat
    oa = "http://www.w3.org/ns/oa#"
    annotations = [n for n in nodes if oa + "Annotation" in n.get("@type", [])]
    assert len(annotations) == 9  # 7 spans + 2 relations
    assert expanded, "expansion produced nothing"
    texts = {d["id"]: d["value"] for d in doc["spanmark:documents"]}
    for a in doc["first"]["items"]:
        if a["motivation"] != "tagging":
            continue
        quote, pos = a["target"]["selector"]
        text = texts[a["target"]["source"]]
        assert text[pos["start"]:pos["end"]] == quote["exact"]
        assert text[:pos["start"]].endswith(quote["prefix"])
        assert text[pos["end"]:].startswith(quote["suffix"])
        assert any(b["purpose"] == "tagging" for b in a["body"])


def test_pyld_reads_attribute_bodies_and_relations():
    """Attributes come out of JSON-LD processing as typed rdf:value literals of spanmark:Attribute
    bodies; relations as linking annotations whose body and target are the spans' annotations."""
    from pyld import jsonld

    context = json.loads((HERE / "anno-context.jsonld").read_text())

    def loader(url, options=None):
        if url.rstrip("/") == "http://www.w3.org/ns/anno.jsonld":
            return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": context}
        raise RuntimeError(f"no network: {url}")

    doc = json.loads((OUT / "export.w3c.jsonld").read_text())
    nodes = jsonld.flatten(doc, None, {"documentLoader": loader})
    nodes = nodes["@graph"] if isinstance(nodes, dict) else nodes
    by_id = {n["@id"]: n for n in nodes}
    oa, rdf, sm = "http://www.w3.org/ns/oa#", "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "urn:spanmark:vocab:"
    span3 = by_id["urn:spanmark:doc:harbour-1:span:3"]
    attrs = {}
    for ref in span3[oa + "hasBody"]:
        body = by_id[ref["@id"]]
        if sm + "Attribute" in body.get("@type", []):
            (name,) = body[sm + "name"]
            (value,) = body[rdf + "value"]
            attrs[name["@value"]] = value["@value"]
    assert attrs == {"value": 1200, "unit": "trees", "qualifier": "at most", "quantity": "trees planted"}
    claim = by_id["urn:spanmark:doc:harbour-1:span:4"]
    flags = [by_id[r["@id"]] for r in claim[oa + "hasBody"]]
    assert any(b.get(rdf + "value") == [{"@value": False}] for b in flags)
    links = [n for n in nodes if [{"@id": oa + "linking"}] == n.get(oa + "motivatedBy")]
    ends = {(l[oa + "hasTarget"][0]["@id"].rsplit(":", 1)[1],
             [b["@id"] for b in l[oa + "hasBody"] if b["@id"].startswith("urn:")][0].rsplit(":", 1)[1])
            for l in links}
    assert ends == {("1", "2"), ("4", "3")}


# ---------------------------------------------------------------- brat

def test_brat_zip_parses_with_bratly(tmp_path):
    from bratly.io import parse_ann_file

    with zipfile.ZipFile(OUT / "export.brat.zip") as z:
        z.extractall(tmp_path)
        names = z.namelist()
    assert "annotation.conf" in names
    conf = (tmp_path / "annotation.conf").read_text()
    entities = conf.split("[entities]")[1].split("[relations]")[0].split()
    assert " " not in "".join(entities) and "Speaker_20Name" in entities
    total = 0
    for ann_path in sorted(tmp_path.glob("*.ann")):
        text = ann_path.with_suffix(".txt").read_text(encoding="utf-8")
        ann = ann_path.read_text(encoding="utf-8")
        lines = [l for l in ann.splitlines() if l]
        collection = parse_ann_file(ann, str(ann_path), no_duplicates=False, sorting=False, renumerotize=False)
        parsed = collection.annotations
        assert len(parsed) == len(lines), "bratly rejected a line"
        for a in parsed:
            if a.id.startswith("T"):
                total += 1
                (frag,) = a.fragments
                assert text[frag.start:frag.end] == a.content
                assert a.label in entities
    assert total == 7


def test_brat_strict_format_check(tmp_path):
    """The documented grammar, checked strictly (brat's own tools are not on PyPI)."""
    import re

    with zipfile.ZipFile(OUT / "export.brat.zip") as z:
        z.extractall(tmp_path)
    t_line = re.compile(r"^T(\d+)\t(\S+) (\d+) (\d+)\t(.*)$")
    r_line = re.compile(r"^R(\d+)\t(\S+) Arg1:T(\d+) Arg2:T(\d+)$")
    n_line = re.compile(r"^#(\d+)\t[\w-]+ T(\d+)\t(.*)$")
    a_line = re.compile(r"^A(\d+)\t[\w-]+ T(\d+)( [\w-]+)?$")
    for ann_path in tmp_path.glob("*.ann"):
        text = ann_path.with_suffix(".txt").read_text(encoding="utf-8")
        ids = set()
        for line in ann_path.read_text(encoding="utf-8").splitlines():
            if m := t_line.match(line):
                ids.add(m[1])
                assert text[int(m[3]):int(m[4])] == m[5]
            elif m := r_line.match(line):
                assert m[3] in ids and m[4] in ids
            elif m := n_line.match(line):
                assert m[2] in ids
            elif m := a_line.match(line):
                assert m[2] in ids
            else:
                pytest.fail(f"{ann_path.name}: unexpected line {line!r}")


def test_bratly_reads_attributes_and_relations(tmp_path, workspace):
    """bratly reads yes/no and one-of-a-list attributes as A lines with their values (declared in
    annotation.conf), text and number attributes as notes typed with the attribute's name, and the
    relations between the entities."""
    from bratly import AttributeAnnotation, NoteAnnotation, RelationAnnotation
    from bratly.io import parse_ann_file

    with zipfile.ZipFile(OUT / "export.brat.zip") as z:
        z.extractall(tmp_path)
    conf = (tmp_path / "annotation.conf").read_text()
    declared = dict(l.split("\t", 1) for l in conf.split("[attributes]")[1].splitlines() if "\t" in l)
    assert declared["check_5Fworthy"] == "Arg:<ENTITY>, Value:yes|no"
    by_id = {d["id"]: d for d in workspace}
    for native_id, stem in [("harbour-1", "harbour-1"), ("ferry/2", "ferry%2F2")]:
        native = by_id[native_id]
        ann = (tmp_path / f"{stem}.ann").read_text(encoding="utf-8")
        parsed = parse_ann_file(ann, stem, no_duplicates=False, sorting=False, renumerotize=False).annotations
        got = {}
        for a in parsed:
            if isinstance(a, AttributeAnnotation):
                (value,) = a.values
                name = a.label.replace("_5F", "_")
                got[(a.component.id, name)] = {"yes": True, "no": False}.get(value, value.replace("_20", " "))
                assert value in declared[a.label].split("Value:")[1].split("|")
            elif isinstance(a, NoteAnnotation) and a.label != "AnnotatorNotes":
                component = a.component if isinstance(a.component, str) else a.component.id
                got[(component, a.label)] = a.value
        want = {}
        for s in native["spans"]:
            for name, value in s.get("attributes", {}).items():
                want[(f"T{s['id']}", name)] = str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value
        assert got == want
        relations = {(r.label, r.argument1[1].id, r.argument2[1].id) for r in parsed if isinstance(r, RelationAnnotation)}
        assert relations == {(r["kind"], f"T{r['from']}", f"T{r['to']}") for r in native["relations"]}


# ---------------------------------------------------------------- doccano

def test_doccano_both_variants_slice_in_code_points(workspace):
    by_id = {d["id"]: d for d in workspace}
    for line in jsonl("export.doccano.jsonl"):
        spans = {(s["start"], s["end"], s["label"]) for s in by_id[line["id"]]["spans"]}
        assert {tuple(l) for l in line["label"]} == spans
    for line in jsonl("export.doccano-entities.jsonl"):
        ids = {e["id"] for e in line["entities"]}
        for e in line["entities"]:
            assert line["text"][e["start_offset"]:e["end_offset"]]
        for r in line["relations"]:
            assert r["from_id"] in ids and r["to_id"] in ids
