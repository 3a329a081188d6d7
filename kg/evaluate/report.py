"""The evaluation report as text: aligned tables for a terminal.

Stage: output. Input: the JSON-able report of :func:`kg.evaluate.evaluate_paths`. Output: one
string: per section (graph, NER, open relations) the overall and per-type scores; for the graph
a per-document table; with ``details`` every missed and false entity and relation (with the
predicate and evidence sentence of each false relation), and every gold pair whose descriptor
was not matched exactly.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["format_report", "format_table"]

_PRF = ("tp", "fp", "fn", "P", "R", "F1")


def format_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Rows under headers, columns aligned: text to the left, numbers to the right.

    Examples
    --------
    >>> print(format_table(["type", "F1"], [["PER", 0.5], ["ORG", 1.0]]))
    type     F1
    PER   0.500
    ORG   1.000
    """
    cells = [[_cell(v) for v in row] for row in rows]
    numeric = [all(isinstance(row[i], (int, float)) for row in rows) and bool(rows) for i in range(len(headers))]
    widths = [max([len(h)] + [len(row[i]) for row in cells]) for i, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(
            v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric, strict=True)
        ).rstrip()

    return "\n".join([line(list(headers)), *(line(row) for row in cells)])


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _prf(counts: dict) -> list[object]:
    return [counts["tp"], counts["fp"], counts["fn"], counts["precision"], counts["recall"], counts["f1"]]


def _graph(report: dict, *, details: bool) -> list[str]:
    entities, relations = report["entities"], report["relations"]
    out = [f"Graph: {report['documents']} gold documents (entity and relation P/R/F1, micro-averaged)", ""]
    rows = [["all (typed)", *_prf(entities["typed"])], ["all (untyped)", *_prf(entities["untyped"])]]
    rows += [[t, *_prf(c)] for t, c in entities["by_type"].items()]
    out += [format_table(["entities", *_PRF], rows), ""]
    rows = [["all (13 types)", *_prf(relations["micro"])]] + [[t, *_prf(c)] for t, c in relations["by_type"].items()]
    out += [format_table(["relations", *_PRF], rows)]
    out += [f"open relations (related_to, not scored): {relations['open_relations']}", ""]
    rows = []
    for doc in report["per_document"]:
        typed, untyped, rel = doc["entities_typed"], doc["entities_untyped"], doc["relations_micro"]
        rows.append(
            [
                doc["doc_id"],
                typed["tp"] + typed["fn"],
                typed["tp"] + typed["fp"],
                typed["f1"],
                untyped["f1"],
                rel["tp"] + rel["fn"],
                rel["tp"] + rel["fp"],
                rel["f1"],
                doc["open_relations"],
            ]
        )
    headers = ["document", "gold ents", "pred ents", "ent F1", "untyped F1", "gold rels", "pred rels", "rel F1", "open"]
    out += [format_table(headers, rows)]
    if details:
        for doc in report["per_document"]:
            out += ["", f"== {doc['doc_id']}"]
            out += [f"  missed entity   {e['name']} [{e['type']}]: {e['reason']}" for e in doc["missed_entities"]]
            out += [f"  false entity    {e['name']} [{e['type']}]: {e['reason']}" for e in doc["false_entities"]]
            for r in doc["missed_relations"]:
                out += [f"  missed relation {r['subject']} --{r['relation']}--> {r['object']}: {r['reason']}"]
                out += [f"      gold evidence: {r['evidence']}"]
            for r in doc["false_relations"]:
                out += [
                    f"  false relation  {r['subject']} --{r['relation']}--> {r['object']}: {r['reason']}"
                    f" (predicate {r['predicate']!r}, confidence {r['confidence']:.2f})"
                ]
                out += [f"      evidence: {r['evidence']}"]
    return out


def _ner(report: dict) -> list[str]:
    out = [
        f"NER: {report['sentences']} sentences of {', '.join(report['files'])}",
        f"(exact character spans; surface text from {', '.join(report['conllu'])})",
        "",
    ]
    rows = [["all", *_prf(report["micro"])]] + [[label, *_prf(c)] for label, c in report["by_label"].items()]
    out += [format_table(["label", *_PRF], rows)]
    return out


def _open_relations(report: dict, *, details: bool) -> list[str]:
    out = [
        f"Open relations: {report['pairs']} gold pairs in {report['sentences']} sentences"
        f" of {', '.join(report['files'])}",
        "",
    ]
    headers = ["arguments", "pairs", "found", "recall", "exact", "exact acc", "partial", "partial acc"]

    def row(name: str, r: dict) -> list[object]:
        return [
            name,
            r["pairs"],
            r["found"],
            r["pair_recall"],
            r["exact"],
            r["exact_accuracy"],
            r["partial"],
            r["partial_accuracy"],
        ]

    rows = [row("all", report)] + [row(c, r) for c, r in report["by_categories"].items()]
    out += [format_table(headers, rows), ""]
    out += ["pairs by outcome: " + ", ".join(f"{status} {n}" for status, n in report["status"].items())]
    if details:
        for j in report["judged"]:
            if j["exact"]:
                continue
            predicted = "; ".join(j["predicted"]) or "-"
            out += [
                "",
                f"  {j['sentence_id']}/{j['relation_id']} {j['argument_1']} --{j['descriptor']}--> {j['argument_2']}: "
                f"{j['status']}{', partial match' if j['partial'] else ''}; predicted: {predicted}",
                f"      {j['sentence']}",
            ]
    return out


def format_report(report: dict, *, details: bool = False) -> str:
    """The report of :func:`kg.evaluate.evaluate_paths` as aligned text tables.

    Parameters
    ----------
    report
        ``{"graph": ..., "ner": ..., "open_relations": ...}``, any of them absent.
    details
        Also list every miss and false prediction, with reasons and evidence.
    """
    sections = []
    if "graph" in report:
        sections.append(_graph(report["graph"], details=details))
    if "ner" in report:
        sections.append(_ner(report["ner"]))
    if "open_relations" in report:
        sections.append(_open_relations(report["open_relations"], details=details))
    return "\n\n".join("\n".join(lines) for lines in sections)
