"""Derive vocabulary.json from schema.org's release file ``schemaorg-current-https.ttl``.

Run once per schema.org release (needs rdflib, which the tests do not)::

    python tests/data/schemaorg/derive.py path/to/schemaorg-current-https.ttl 30.0

It writes, beside this script, every schema.org class with its direct superclasses, every
property with its domains and ranges, the data types, and the terms superseded by others.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Namespace, URIRef

SCHEMA = Namespace("https://schema.org/")


def _name(term: object) -> str | None:
    text = str(term)
    return text.removeprefix(str(SCHEMA)) if text.startswith(str(SCHEMA)) else None


def _names(graph: Graph, subject: URIRef, predicate: URIRef) -> list[str]:
    return sorted(n for n in (_name(o) for o in graph.objects(subject, predicate)) if n)


def main(ttl: str, version: str) -> None:
    graph = Graph().parse(ttl, format="turtle")
    classes = {
        name: _names(graph, subject, RDFS.subClassOf)
        for subject in graph.subjects(RDF.type, RDFS.Class)
        if (name := _name(subject))
    }
    data_types = sorted(
        name for s in graph.subjects(RDF.type, SCHEMA.DataType) if (name := _name(s))
    )
    properties = {
        name: {
            "domain": _names(graph, subject, SCHEMA.domainIncludes),
            "range": _names(graph, subject, SCHEMA.rangeIncludes),
        }
        for subject in graph.subjects(RDF.type, RDF.Property)
        if (name := _name(subject))
    }
    superseded = sorted(n for s in graph.subjects(SCHEMA.supersededBy, None) if (n := _name(s)))
    out = {
        "source": f"schema.org {version}, schemaorg-current-https.ttl",
        "classes": dict(sorted(classes.items())),
        "data_types": data_types,
        "properties": dict(sorted(properties.items())),
        "superseded": superseded,
    }
    lines = json.dumps(out, indent=0, sort_keys=False, ensure_ascii=False)
    Path(__file__).with_name("vocabulary.json").write_text(lines + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
