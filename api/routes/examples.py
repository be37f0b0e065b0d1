"""Example answers for the OpenAPI document, trimmed from real answers on the seeds.

tests/api/test_docs_offline.py validates each against its route's response model, so
an example cannot drift from the shape the route really returns.
"""

from __future__ import annotations

from typing import Any

from api.schemas import ErrorBody
from graph.schema import AUTHOR, PAPER, identifiers_of


def _ids(label: str, **given: str) -> dict[str, str | None]:
    """Every identifier field graph/schema.py declares for ``label``, as the API shows
    them (None where the example has none)."""
    return {kind.prop: given.get(kind.prop) for kind in identifiers_of(label)}


__all__ = ["EXAMPLES", "error_responses", "responses"]

_MAO = {"query": "Mao", "id": "Abd9754a4a0518763", "name": "Ziming Mao", "match": "surname"}
_ZHUO = {"query": "Zhuo", "id": "Ade370e0681be8e20", "name": "Danyang Zhuo", "match": "surname"}
_ZHANG = {
    "query": "Zhang",
    "id": "A72dad5b1700bb514",
    "name": "Zili Zhang",
    "match": "surname",
    "alternatives": [
        {
            "id": "Ae54add96ec8b1bbe",
            "name": "Hao Zhang",
            "paper_count": 1,
            "has_profile": False,
            "match": "surname",
            "score": 0.72,
        }
    ],
}
_FAIRNESS = {
    "id": "Pb7153db2cd7f8cd8",
    "title": "Fairness in Serving Large Language Models",
    "year": 2023,
}
_SHIYI = {
    "id": "Af07929d65d66d798",
    "name": "Shiyi Cao",
    "papers": [
        {
            "id": "Pa87cbd215a563a72",
            "title": "Locality-aware Fair Scheduling in LLM Serving",
            "year": 2025,
            "authors": ["Ziming Mao"],
        },
        {**_FAIRNESS, "authors": ["Danyang Zhuo"]},
    ],
}
_ALL_YEARS = {"since": None, "until": None}
_MAO_ZHUO = [
    {
        "from": "Ziming Mao",
        "to": "Shiyi Cao",
        "paper": {
            "id": "Pfa08bafe5b6153b2",
            "title": "K-Search: LLM Kernel Generation via Co-Evolving Intrinsic World Model",
        },
    },
    {
        "from": "Shiyi Cao",
        "to": "Danyang Zhuo",
        "paper": {"id": _FAIRNESS["id"], "title": _FAIRNESS["title"]},
    },
]
_LLM_TOPIC = {"id": "kw:large-language-models", "name": "Large Language Models", "kind": "keyword"}

EXAMPLES: dict[str, Any] = {
    "health": {"status": "ok", "store": "embedded", "reachable": True, "message": None},
    "stats": {
        "nodes": {"Author": 170, "Paper": 124, "Venue": 5, "Topic": 138, "Source": 5},
        "relationships": {
            "AUTHORED": 317,
            "PUBLISHED_IN": 9,
            "HAS_TOPIC": 778,
            "FROM_SOURCE": 129,
            "CITES": 0,
        },
        "cited_only_papers": 0,
    },
    "search_authors": {
        "query": "Zhang",
        "data": [
            {
                "id": "A72dad5b1700bb514",
                "name": "Zili Zhang",
                "paper_count": 16,
                "has_profile": True,
                "match": "surname",
                "score": 0.822,
            }
        ],
        "count": 12,
    },
    "author_profile": {
        "id": "Abd9754a4a0518763",
        "name": "Ziming Mao",
        "aliases": ["Ziming Mao"],
        "has_profile": True,
        **_ids(AUTHOR),
        "affiliations": [],
        "metrics": {
            "paper_count": 15,
            "coauthor_count": 31,
            "h_index": 136,
            "citations": 2145,
            "profile_paper_count": 15,
        },
        "papers": [
            {
                "id": "P07161a196abb7ea8",
                "title": "CCCL: In-GPU Compression-Coupled Collective Communication",
                "year": 2026,
                "venues": [],
            }
        ],
        "topics": [{**_LLM_TOPIC, "code": None, "papers": 6}],
        "top_coauthors": [{"id": "Af07929d65d66d798", "name": "Shiyi Cao", "papers": 3}],
    },
    "coauthors": {
        "resolved": {**_MAO, "query": "Abd9754a4a0518763", "match": "id", "alternatives": []},
        "data": [_SHIYI],
        "count": 31,
    },
    "shared": {
        "resolved": [_MAO, _ZHUO, _ZHANG],
        "shared_by_all": [],
        "pairwise": [
            # Shiyi Cao on Zhuo's page joined on shared topics alone: a weak merge
            {"authors": ["Ziming Mao", "Danyang Zhuo"], "shared": [{**_SHIYI, "weak": True}]},
            {"authors": ["Ziming Mao", "Zili Zhang"], "shared": []},
            {"authors": ["Danyang Zhuo", "Zili Zhang"], "shared": []},
        ],
    },
    "topics": {
        "resolved": [_MAO, _ZHUO],
        "shared_by_all": [
            {**_LLM_TOPIC, "code": None, "papers": {"Ziming Mao": 6, "Danyang Zhuo": 19}}
        ],
        "pairwise": [
            {
                "authors": ["Ziming Mao", "Danyang Zhuo"],
                "shared": [
                    {**_LLM_TOPIC, "code": None, "papers": {"Ziming Mao": 6, "Danyang Zhuo": 19}}
                ],
                "jaccard": 0.25,
                "cosine": 0.61,
            }
        ],
        "topics": {
            "Ziming Mao": [{**_LLM_TOPIC, "code": None, "papers": 6}],
            "Danyang Zhuo": [{**_LLM_TOPIC, "code": None, "papers": 19}],
        },
    },
    "path": {
        "resolved": [_MAO, _ZHUO],
        "length": 2,
        "hops": _MAO_ZHUO,
    },
    "papers": {
        "query": "serving",
        "data": [
            {
                "id": "P07d00d4bd22f143b",
                "title": "SkyServe: Serving AI Models across Regions and Clouds "
                "with Spot Instances",
                "year": 2024,
                "authors": [
                    {"id": "Abd9754a4a0518763", "name": "Ziming Mao", "position": 1},
                    {"id": "A056844e61465ad86", "name": "Tian Xia", "position": 2},
                ],
                "authors_truncated": True,
                "venues": [],
                "sources": ["seeds/000_9ef166dded082413.txt"],
            }
        ],
        "count": 15,
    },
    "paper": {
        "id": "P00be5837a1c55b61",
        "title": "EnergonAI: An Inference System for 10-100 Billion Parameter Transformer Models",
        "year": 2022,
        "date": "2022-09-06",
        "abstract": "Large transformer models display promising performance ...",
        **_ids(PAPER, arxiv_id="2301.08658"),
        "url": None,
        "code_url": None,
        "author_count": 7,
        "authors_truncated": False,
        "authors": [
            {
                "id": "Aedbd15a225c6b018",
                "name": "Jiangsu Du",
                "position": 1,
                "inferred": False,
                "equal_contribution": False,
            },
            {
                "id": "A4405fc10e57a8283",
                "name": "Ziming Liu",
                "position": 2,
                "inferred": False,
                "equal_contribution": False,
            },
        ],
        "venues": [{"id": "Vc93ba71d023cb44d", "name": "arXiv", "kind": "preprint", "year": 2022}],
        "topics": [
            {
                "id": "arxiv:cs.DC",
                "name": "Distributed, Parallel, and Cluster Computing",
                "kind": "arxiv_category",
                "code": "cs.DC",
                "source": "arxiv_category",
            }
        ],
        "sources": [
            {
                "id": "S3f1c0d3e2b1a0f9e",
                "path": "seeds/003_4f30bac281d78a11.txt",
                "format": "listing",
                "line": 245,
            }
        ],
        "cited_by": None,
        "cited_only": False,
        "first_author": None,
    },
    "topic_list": {
        "data": [
            {
                "id": "arxiv:cs.AI",
                "name": "Artificial Intelligence",
                "kind": "arxiv_category",
                "code": "cs.AI",
                "paper_count": 3,
            }
        ],
        "count": 138,
    },
    "topic": {
        "id": "arxiv:cs.AI",
        "name": "Artificial Intelligence",
        "kind": "arxiv_category",
        "code": "cs.AI",
        "archive": "cs",
        "paper_count": 3,
        "author_count": 9,
        "papers": [{**_FAIRNESS, "venues": []}],
        "authors": [
            {
                "id": "Ade370e0681be8e20",
                "name": "Danyang Zhuo",
                "paper_count": 39,
                "has_profile": True,
            }
        ],
    },
    "venues": {
        "data": [
            {
                "id": "Va8b719e0495abc9d",
                "name": "MLSys",
                "kind": "conference",
                "acronym": "MLSys",
                "paper_count": 1,
            }
        ],
        "count": 5,
    },
    "cypher": {
        "columns": ["title", "year"],
        "rows": [["Locality-aware Fair Scheduling in LLM Serving", 2025]],
        "truncated": False,
    },
    "load": {
        "read": 2,
        "loaded": 1,
        "merged": 1,
        "skipped": 0,
        "errors": [],
        "warnings": [],
        "documents": [
            {
                "path": "punica.bib",
                "format": "bibtex",
                "status": "loaded",
                "read": 2,
                "loaded": 1,
                "merged": 1,
                "skipped": 0,
                "errors": [],
                "warnings": [],
            }
        ],
    },
}

_WHY = {
    400: "The request could not be read.",
    403: "Refused: the request would write, or the API key is missing or wrong.",
    404: "No such author, paper or topic (an unknown name lists near matches).",
    409: "The name matches several authors equally well; the candidates are listed.",
    413: "The upload is too large.",
    414: "The URL is longer than any valid request (64 KiB).",
    422: "Invalid parameters, or a document that cannot be read.",
    501: "Not supported by this store (Cypher needs Neo4j).",
    503: "The store (Neo4j) is not reachable; retry when it is back.",
    504: "The query ran past its time limit.",
}


def error_responses(*errors: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries for the error statuses a route can answer with, all
    in the one error shape; every route can meet a URL too long (414) and a store outage
    (503). For routes whose 200 is not JSON (the HTML views) to document their errors
    the same way."""
    return {
        status: {"model": ErrorBody, "description": _WHY[status]}
        for status in sorted({*errors, 414, 503})
    }


EXAMPLES.update(
    {
        "collaboration": {
            "level": "country",
            "pairs": [
                {
                    "a": {"id": "BR", "name": "Brazil"},
                    "b": {"id": "US", "name": "United States"},
                    "papers": 41,
                    "examples": ["P0a1c2e3f4a5b6c7d", "P1b2c3d4e5f6a7b8c"],
                }
            ],
        },
        "institutions": {
            "resolved": [
                {
                    "query": "Bruna",
                    "id": "A3f2d1c0b9a8e7d6c",
                    "name": "Emilio M. Bruna",
                    "match": "surname",
                    "alternatives": [],
                }
            ],
            "authors": [
                {
                    "id": "A3f2d1c0b9a8e7d6c",
                    "name": "Emilio M. Bruna",
                    "by_year": [
                        {
                            "year": 2024,
                            "institutions": [
                                {
                                    "id": "I5e4d3c2b1a0f9e8d",
                                    "name": "Univ Florida",
                                    "country": "United States",
                                    "papers": ["P0a1c2e3f4a5b6c7d"],
                                }
                            ],
                        }
                    ],
                }
            ],
        },
        "members": {
            "institution": {
                "id": "I5e4d3c2b1a0f9e8d",
                "name": "Univ Florida",
                "country": "United States",
                "papers": [],
            },
            "alternatives": [],
            "members": [
                {
                    "id": "A3f2d1c0b9a8e7d6c",
                    "name": "Emilio M. Bruna",
                    "papers": ["P0a1c2e3f4a5b6c7d", "P1b2c3d4e5f6a7b8c"],
                    "first_year": 1999,
                    "last_year": 2024,
                }
            ],
        },
    }
)


EXAMPLES["author_evidence"] = {
    "resolved": {
        **_MAO,
        "query": "Shiyi Cao",
        "id": "Af07929d65d66d798",
        "name": "Shiyi Cao",
        "match": "exact",
    },
    "author": {"id": "Af07929d65d66d798", "name": "Shiyi Cao", "aliases": ["Shiyi Cao"], "ids": {}},
    "occurrences": [
        {
            "paper": {
                "id": "Pa87cbd215a563a72",
                "title": "Locality-aware Fair Scheduling in LLM Serving",
                "year": 2025,
                "authors": [],
            },
            "source": {
                "id": "S4976236ff63bb178",
                "path": "seeds/000_9ef166dded082413.txt",
                "format": "profile",
            },
            "spelling": "Shiyi Cao",
            "position": 1,
            "evidence": [
                {"kind": "coauthor", "bits": 5.0, "detail": "shares co-authors Ziming Mao"},
                {"kind": "topic", "bits": 0.75, "detail": "shares topics Large Language Models"},
            ],
            "strength": 0.9981,
            "weak": False,
            "namesakes": 0.1,
            "candidates": 1,
        },
        {
            "paper": {**_FAIRNESS, "authors": []},
            "source": {
                "id": "S6a7e330d752a3e36",
                "path": "seeds/001_092fb8031e0953bf.txt",
                "format": "profile",
            },
            "spelling": "Shiyi Cao",
            "position": 2,
            "evidence": [
                {
                    "kind": "topic",
                    "bits": 3.0,
                    "detail": "shares topics Artificial Intelligence, "
                    "Fairness, LLM Inference, Large Language Models, Model Serving and 1 more",
                },
            ],
            "strength": 0.9877,
            "weak": True,
            "namesakes": 0.1,
            "candidates": 1,
        },
    ],
    "kinds": {"coauthor": 1, "new": 1, "topic": 2},
    "weak": 1,
}
_GALLAGHER = {"query": "Gallagher", "id": "A3e2f195e29d82e3e", "name": "Shaun Gallagher"}
_MERLEAU_PONTY = "P758fa6b74d877a9a"

# trimmed from answers on the jyoshimi_scientometrics Web of Science sample (realdata)
EXAMPLES.update(
    {
        "cited": {
            "by": "local",
            "data": [
                {
                    "id": _MERLEAU_PONTY,
                    "title": "Merleau-Ponty M, 1962, PHENOMENOLOGY PERCEP",
                    "year": 1962,
                    "cited_only": True,
                    "authors": ["Merleau-Ponty M"],
                    "local_citations": 19,
                    "global_citations": None,
                    "citing": ["P0b109ac9024d125b", "P183837f68fa03c41"],
                }
            ],
        },
        "cocitation": {
            "level": "paper",
            "pairs": [
                {
                    "a": {
                        "id": "P62a19a1fca150c88",
                        "label": "Thompson E, 2007, MIND LIFE BIOL PHENO",
                    },
                    "b": {
                        "id": "Pf4e8427be65cc3b2",
                        "label": "Varela F., 1991, EMBODIED MIND COGNIT",
                    },
                    "count": 8,
                    "citing": ["P7d60fe2d032cfd90", "P81d6985f421d2911"],
                }
            ],
            "resolved": None,
        },
        "coupling": {
            "level": "author",
            "pairs": [
                {
                    "a": {"id": _GALLAGHER["id"], "label": _GALLAGHER["name"]},
                    "b": {"id": "A4b864b635a4fba46", "label": "Tom Froese"},
                    "count": 103,
                    "shared": ["P0565cdcfe962f7cc", "P0723965262839cc4"],
                }
            ],
            "resolved": {**_GALLAGHER, "match": "surname", "alternatives": []},
        },
        "citations": {
            "resolved": [
                {**_GALLAGHER, "match": "surname", "alternatives": []},
                {
                    "query": "Froese",
                    "id": "A4b864b635a4fba46",
                    "name": "Tom Froese",
                    "match": "surname",
                    "alternatives": [],
                },
            ],
            "links": [
                {
                    "citing": {"id": "A4b864b635a4fba46", "label": "Tom Froese"},
                    "cited": {"id": _GALLAGHER["id"], "label": _GALLAGHER["name"]},
                    "count": 3,
                    "links": [{"citing": "Pb6c5f56e3df8266e", "cited": "P9df255fe05182f50"}],
                }
            ],
            "common": [
                {
                    "id": _MERLEAU_PONTY,
                    "title": "Merleau-Ponty M, 1962, PHENOMENOLOGY PERCEP",
                    "year": 1962,
                    "cited_only": True,
                    "by": {
                        "Shaun Gallagher": ["P32f66135856720c6", "P7d8c2dcafb588705"],
                        "Tom Froese": ["P9df255fe05182f50", "Pb6c5f56e3df8266e"],
                    },
                }
            ],
        },
    }
)


EXAMPLES.update(
    {
        "paths": {
            "resolved": [_MAO, _ZHUO],
            **_ALL_YEARS,
            "paths": [
                {"length": 2, "hops": _MAO_ZHUO},
                {
                    "length": 3,
                    "hops": [
                        {
                            "from": "Ziming Mao",
                            "to": "Yichuan Wang",
                            "paper": {
                                "id": "Pa87cbd215a563a72",
                                "title": "Locality-aware Fair Scheduling in LLM Serving",
                            },
                        },
                        {
                            "from": "Yichuan Wang",
                            "to": "Shiyi Cao",
                            "paper": {
                                "id": "Pa87cbd215a563a72",
                                "title": "Locality-aware Fair Scheduling in LLM Serving",
                            },
                        },
                        _MAO_ZHUO[1],
                    ],
                },
            ],
        },
        "distances": {
            "resolved": _ZHUO,
            **_ALL_YEARS,
            "reachable": 141,
            "unreachable": 28,
            "mean": 2.227,
            "max": 5,
            "distribution": [
                {"hops": 1, "authors": 79},
                {"hops": 2, "authors": 3},
                {"hops": 3, "authors": 28},
                {"hops": 4, "authors": 10},
                {"hops": 5, "authors": 21},
            ],
        },
        "second_degree": {
            "resolved": _MAO,
            **_ALL_YEARS,
            "data": [
                {
                    "id": "A110ade74e2e36430",
                    "name": "Siyu Wang",
                    "common_coauthors": [{"id": "Ac4ebf9ea202db833", "name": "Hao wu"}],
                }
            ],
            "count": 13,
        },
        "recommend": {
            "resolved": [_MAO],
            **_ALL_YEARS,
            "candidates": [
                {
                    "id": "Ade370e0681be8e20",
                    "name": "Danyang Zhuo",
                    "score": 0.913091,
                    "adamic_adar": 0.558111,
                    "topic_similarity": 0.636039,
                    "common_coauthors": [{"id": "Af07929d65d66d798", "name": "Shiyi Cao"}],
                    "shared_topics": [
                        {"id": "kw:large-language-models", "name": "Large Language Models"},
                        {"id": "arxiv:cs.LG", "name": "Machine Learning"},
                    ],
                }
            ],
        },
        "communities": {
            **_ALL_YEARS,
            "authors": 170,
            "count": 11,
            "singletons": 0,
            "communities": [
                {
                    "rank": 1,
                    "size": 54,
                    "members": [
                        {"id": "Ade370e0681be8e20", "name": "Danyang Zhuo"},
                        {"id": "Af87ce556ef1eb90c", "name": "Zhao Song"},
                    ],
                }
            ],
        },
        "central": {
            "measure": "pagerank",
            "estimated": False,
            **_ALL_YEARS,
            "data": [
                {
                    "id": "Ade370e0681be8e20",
                    "name": "Danyang Zhuo",
                    "score": 0.106444427,
                    "coauthors": 79,
                },
                {
                    "id": "Abd9754a4a0518763",
                    "name": "Ziming Mao",
                    "score": 0.045297711,
                    "coauthors": 31,
                },
            ],
        },
        "timeline": {
            "resolved": [_MAO, _ZHUO],
            "since": 2025,
            "until": 2025,
            "years": [
                {
                    "year": 2025,
                    "papers": {"Ziming Mao": 5, "Danyang Zhuo": 6},
                    "joint_papers": 0,
                    "new_coauthors": {
                        "Ziming Mao": [{"id": "Ae70f5a0f9b9633d9", "name": "Chihan Cui"}],
                        "Danyang Zhuo": [{"id": "A9acb53884bef39d4", "name": "Chang Lan"}],
                    },
                }
            ],
        },
    }
)


def responses(example_key: str, *errors: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for a JSON route: the 200 example and the errors."""
    return {
        200: {"content": {"application/json": {"example": EXAMPLES[example_key]}}},
        **error_responses(*errors),
    }
