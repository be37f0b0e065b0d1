"""graph/topics.py: arXiv category resolution and keyword topics.

How the taxonomy counts were verified: graph/data/arxiv_categories.json was extracted
from arXiv's arxiv-base ``arxiv/taxonomy/definitions.py`` (CATEGORIES, minus the
``test.*`` and ``bad-arch.*`` entries). arXiv's own category page lists 155 active
categories: cs 40, math 32, physics 22, q-bio 10, cond-mat 9, q-fin 9, astro-ph 6, stat 6,
nlin 5, eess 4, econ 3, and one each for gr-qc, hep-ex, hep-lat, hep-ph, hep-th, math-ph,
nucl-ex, nucl-th, quant-ph. The 21 retired entries are the bare legacy archives
astro-ph, cond-mat, q-bio and the 18 archives later subsumed into categories (acc-phys,
adap-org, alg-geom, ao-sci, atom-ph, bayes-an, chao-dyn, chem-ph, cmp-lg, comp-gas, dg-ga,
funct-an, mtrl-th, patt-sol, plasm-ph, q-alg, solv-int, supr-con): 155 + 21 = 176.

The seed texts below are copied verbatim from the parsed seed documents; the expected
topics were checked by reading each abstract for the listed terms.
"""

from __future__ import annotations

import json
from collections import Counter
from importlib import resources

import pytest

from graph.topics import (
    BARE_CODE_PRIORITY,
    ArxivCategory,
    KeywordTerm,
    _build_index,
    all_categories,
    extract_keywords,
    keyword_vocabulary,
    normalize_topic_name,
    resolve_category,
    topic_id_for_category,
)


def _code(code: str) -> str | None:
    cat = resolve_category(code)
    return None if cat is None else cat.code


def _ids(title: str, abstract: str | None = None) -> list[str]:
    return [k.id for k in extract_keywords(title, abstract)]


# ---------------------------------------------------------------------------------------
# arXiv categories
# ---------------------------------------------------------------------------------------


def test_data_file_has_the_whole_taxonomy() -> None:
    raw = resources.files("graph").joinpath("data", "arxiv_categories.json").read_text()
    rows = json.loads(raw)
    assert len(rows) == 176
    assert sum(r["active"] for r in rows.values()) == 155
    assert all({"name", "archive", "group"} <= set(r) for r in rows.values())
    active = Counter(r["archive"] for r in rows.values() if r["active"])
    assert (active["cs"], active["math"], active["physics"], active["eess"]) == (40, 32, 22, 4)
    assert (active["q-bio"], active["q-fin"], active["stat"], active["econ"]) == (10, 9, 6, 3)
    assert len(all_categories()) == 176


def test_official_names() -> None:
    cat = resolve_category("cs.DC")
    assert cat == ArxivCategory(
        "cs.DC", "Distributed, Parallel, and Cluster Computing", "cs", "Computer Science"
    )
    assert resolve_category("eess.SP").name == "Signal Processing"  # type: ignore[union-attr]
    assert resolve_category("eess.IV").name == "Image and Video Processing"  # type: ignore[union-attr]
    assert resolve_category("q-bio.NC").name == "Neurons and Cognition"  # type: ignore[union-attr]
    eess_sy = resolve_category("eess.SY")
    assert eess_sy is not None
    assert (eess_sy.name, eess_sy.group) == (
        "Systems and Control",
        "Electrical Engineering and Systems Science",
    )


@pytest.mark.parametrize(
    ("bare", "expected"),
    [
        ("DC", "cs.DC"),
        ("LG", "cs.LG"),
        ("CL", "cs.CL"),
        ("AI", "cs.AI"),
        ("AR", "cs.AR"),
        ("OS", "cs.OS"),
        ("DB", "cs.DB"),
        ("NI", "cs.NI"),
        ("PF", "cs.PF"),
        ("NE", "cs.NE"),
        ("CV", "cs.CV"),  # not math.CV
        ("IT", "cs.IT"),  # math.IT is the alias
        ("SP", "eess.SP"),  # no cs.SP; eess before math.SP
        ("IV", "eess.IV"),
        ("AS", "eess.AS"),
        ("SY", "eess.SY"),  # cs.SY exists but is an alias of eess.SY
        ("NC", "q-bio.NC"),  # not cs.NE
        ("ML", "stat.ML"),
        ("CO", "stat.CO"),  # stat before math.CO and astro-ph.CO
        ("AP", "stat.AP"),  # stat before math.AP
        ("GN", "math.GN"),  # math before q-bio.GN, q-fin.GN, econ.GN
        ("NA", "math.NA"),  # cs.NA is an alias of math.NA
        ("EM", "econ.EM"),
        ("GA", "astro-ph.GA"),
        ("dc", "cs.DC"),
    ],
)
def test_bare_codes(bare: str, expected: str) -> None:
    assert _code(bare) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("cs.DC", "cs.DC"),
        ("CS.dc", "cs.DC"),
        (" eess.iv ", "eess.IV"),
        ("arxiv:cs.LG", "cs.LG"),
        ("cs.SY", "eess.SY"),
        ("math.IT", "cs.IT"),
        ("stat.TH", "math.ST"),
        ("math.MP", "math-ph"),
        ("q-fin.EC", "econ.GN"),
        ("hep-ph", "hep-ph"),
        ("quant-ph", "quant-ph"),
        ("math-ph", "math-ph"),
        ("gr-qc", "gr-qc"),
        ("astro-ph", "astro-ph"),  # legacy bare archive, kept as itself
        ("cond-mat", "cond-mat"),
        ("cond-mat.str-el", "cond-mat.str-el"),
        ("physics.optics", "physics.optics"),
        ("chao-dyn", "nlin.CD"),  # subsumed archive
        ("cmp-lg", "cs.CL"),
    ],
)
def test_full_codes(code: str, expected: str) -> None:
    assert _code(code) == expected


@pytest.mark.parametrize("code", ["", "  ", "XX", "cs.XX", "cs", "math", "test.dis-nn", "cs.DC.x"])
def test_unknown_codes(code: str) -> None:
    assert resolve_category(code) is None


def test_aliases_without_canonicalization() -> None:
    alias = resolve_category("cs.SY", canonical=False)
    assert alias is not None
    assert (alias.code, alias.archive, alias.canonical) == ("cs.SY", "cs", "eess.SY")
    legacy = resolve_category("astro-ph")
    assert legacy is not None and legacy.active is False


def test_priority_covers_every_archive_with_subject_classes() -> None:
    archives = {c.archive for c in all_categories() if "." in c.code}
    assert archives == set(BARE_CODE_PRIORITY)


def test_topic_id_for_category() -> None:
    cat = resolve_category("DC")
    assert cat is not None
    assert topic_id_for_category(cat) == "arxiv:cs.DC"


# ---------------------------------------------------------------------------------------
# Keyword topics: seeds
# ---------------------------------------------------------------------------------------

UCCL_TITLE = "UCCL-EP: Portable Expert-Parallel Communication"
UCCL_ABSTRACT = (
    "Mixture-of-Experts (MoE) workloads rely on expert parallelism (EP) to achieve high GPU "
    "efficiency. State-of-the-art EP communication systems such as DeepEP demonstrate strong "
    "performance but exhibit poor portability across heterogeneous GPU and NIC platforms. The "
    "poor portability is rooted in architecture: GPU-initiated token-level RDMA communication "
    "requires tight vertical integration between GPUs and NICs, e.g., GPU writes to NIC "
    "driver/MMIO interfaces. We present UCCL-EP, a portable EP communication system that "
    "delivers DeepEP-level performance across heterogeneous GPU and NIC hardware. UCCL-EP "
    "replaces GPU-initiated RDMA with a high-throughput GPU-CPU control channel: compact "
    "token-routing commands are transferred to multithreaded CPU proxies, which then issue "
    "GPUDirect RDMA operations on behalf of GPUs. UCCL-EP further emulates various ordering "
    "semantics required by specialized EP communication modes using RDMA immediate data, "
    "enabling correctness on NICs that lack such ordering, e.g., AWS EFA. We implement "
    "UCCL-EP on NVIDIA and AMD GPUs with EFA and Broadcom NICs. On EFA, it outperforms the "
    "best existing EP solution by up to 2.1× for dispatch and combine throughput. On "
    "NVIDIA-only platform, UCCL-EP achieves comparable performance to the original DeepEP. "
    "UCCL-EP also improves token throughput on SGLang by up to 40% on the NVIDIA+EFA "
    "platform, and improves DeepSeek-V3 training throughput over the AMD Primus/Megatron-LM "
    "framework by up to 45% on a 16-node AMD+Broadcom platform."
)

PUNICA_TITLE = "Punica: Multi-Tenant LoRA Serving"
PUNICA_ABSTRACT = (
    "Low-rank adaptation (LoRA) has become an important and popular method to adapt "
    "pre-trained models to specific domains. We present Punica, a system to serve multiple "
    "LoRA models in a shared GPU cluster. Punica contains a new CUDA kernel design that "
    "allows batching of GPU operations for different LoRA models. This allows a GPU to hold "
    "only a single copy of the underlying pre-trained model when serving multiple, different "
    "LoRA models, significantly enhancing GPU efficiency in terms of both memory and "
    "computation. Our scheduler consolidates multi-tenant LoRA serving workloads in a shared "
    "GPU cluster. With a fixed-sized GPU cluster, our evaluations show that Punica achieves "
    "12x higher throughput in serving multiple LoRA models compared to state-of-the-art LLM "
    "serving systems while only adding 2ms latency per token. Punica is open source at "
    "https://github.com/punica-ai/punica ."
)

DUALMAP_TITLE = (
    "DualMap: Enabling Both Cache Affinity and Load Balancing for Distributed LLM Serving"
)
DUALMAP_ABSTRACT = (
    "In LLM serving, reusing the KV cache of prompts across requests is critical for "
    "reducing TTFT and serving costs. Cache-affinity scheduling, which co-locates requests "
    "with the same prompt prefix to maximize KV cache reuse, often conflicts with "
    "load-balancing scheduling that distributes requests evenly across compute instances. "
    "Existing schedulers fail to reconcile this trade-off as they operate within a single "
    "mapping space, typically applying cache-affinity routing to a subset of requests and "
    "load-balanced routing to the rest, without a unified solution to achieve both goals. To "
    "address this limitation, we propose DualMap, a dual-mapping scheduling strategy for "
    "distributed LLM serving that achieves both cache affinity and load balancing. Its key "
    "idea is to map each request to two candidate instances via two independent hash "
    "functions based on the request prompt, then intelligently select the better candidate "
    "based on current system states."
)

EEG_TITLE = "EEG Based Generative Depression Discriminator"
EEG_ABSTRACT = (
    "Depression is a very common but serious mood disorder.In this paper, We built a "
    "generative detection network(GDN) in accordance with three physiological laws. Our aim "
    "is that we expect the neural network to learn the relevant brain activity based on the "
    "EEG signal and, at the same time, to regenerate the target electrode signal based on "
    "the brain activity."
)

HANAYO_TITLE = (
    "Hanayo: Harnessing Wave-like Pipeline Parallelism for Enhanced Large Model Training Efficiency"
)

MATCHING_TITLE = "Sublinear Time Algorithm for Online Weighted Bipartite Matching"


def test_seed_uccl_ep() -> None:
    # seeds/000 (Ziming Mao): MoE, EP, RDMA over heterogeneous GPU/NIC platforms.
    topics = {k.id: k.matched for k in extract_keywords(UCCL_TITLE, UCCL_ABSTRACT)}
    assert topics == {
        "kw:datacenter-networking": "NIC",
        "kw:expert-parallelism": "Expert-Parallel",  # the title comes first
        "kw:heterogeneous-computing": "heterogeneous GPU",
        "kw:machine-learning-systems": "SGLang",
        "kw:mixture-of-experts": "Mixture-of-Experts",
        "kw:model-parallelism": "Expert-Parallel",  # implied by expert parallelism
        "kw:rdma": "RDMA",
        "kw:training-efficiency": "training throughput",
    }


def test_seed_punica() -> None:
    # seeds/001 (Danyang Zhuo): "LoRA Serving" gives LoRA and Model Serving both.
    assert _ids(PUNICA_TITLE, PUNICA_ABSTRACT) == [
        "kw:batching",
        "kw:fine-tuning",
        "kw:foundation-models",
        "kw:gpu-kernels",
        "kw:large-language-models",
        "kw:lora",
        "kw:low-rank-methods",
        "kw:model-serving",
        "kw:multi-tenancy",
        "kw:parameter-efficient-fine-tuning",
        "kw:resource-management",
        "kw:scheduling",
    ]
    assert _ids(PUNICA_TITLE) == [
        "kw:fine-tuning",
        "kw:lora",
        "kw:model-serving",
        "kw:multi-tenancy",
        "kw:parameter-efficient-fine-tuning",
    ]


def test_seed_dualmap() -> None:
    # seeds/003 (listing): the first 4 sentences of the abstract.
    assert _ids(DUALMAP_TITLE, DUALMAP_ABSTRACT) == [
        "kw:caching",
        "kw:hashing",
        "kw:kv-cache",
        "kw:large-language-models",
        "kw:load-balancing",
        "kw:model-serving",
        "kw:scheduling",
    ]


def test_seed_eeg_paper_gets_no_systems_topics() -> None:
    # seeds/000: an EEG paper; "generative detection network" is not Generative AI.
    assert _ids(EEG_TITLE, EEG_ABSTRACT) == ["kw:deep-learning", "kw:neuroscience"]


def test_seed_cv_title_only() -> None:
    # seeds/004 (Ziming Liu's CV): titles without abstracts.
    assert _ids(HANAYO_TITLE, None) == [
        "kw:distributed-training",
        "kw:foundation-models",
        "kw:model-parallelism",
        "kw:pipeline-parallelism",
        "kw:training-efficiency",
    ]
    assert _ids(MATCHING_TITLE, None) == ["kw:graph-algorithms", "kw:sublinear-algorithms"]


# ---------------------------------------------------------------------------------------
# Keyword topics: matching rules and negatives
# ---------------------------------------------------------------------------------------


def test_hyphen_space_case_and_plural_variants_are_one_topic() -> None:
    for text in (
        "Mixture-of-Experts",
        "mixture of experts",
        "MIXTURE OF EXPERTS",
        "Mixture‐of‐Experts",  # U+2010 hyphens
        "MoE",
        "MoEs",
    ):
        assert _ids(text) == ["kw:mixture-of-experts"], text
    assert _ids("KV-cache") == _ids("KV cache") == _ids("KVCache") == ["kw:caching", "kw:kv-cache"]
    assert _ids("all-reduce") == _ids("AllReduce") == ["kw:collective-communication"]
    assert _ids("quantisation") == _ids("Quantization") == ["kw:quantization"]


def test_case_sensitive_acronyms() -> None:
    assert _ids("Moe Kyaw and Moe Thida study rice yields") == []
    assert _ids("MOE funding for schools") == []
    assert _ids("a rag doll") == []
    assert _ids("RAG pipelines") == ["kw:retrieval-augmented-generation"]
    assert _ids("LoRa gateways for farms") == ["kw:wireless-communication"]
    assert _ids("LoRA adapters") == [
        "kw:fine-tuning",
        "kw:lora",
        "kw:parameter-efficient-fine-tuning",
    ]


def test_generic_words_do_not_become_specific_topics() -> None:
    assert _ids("A cache for web pages") == ["kw:caching"]  # never KV Cache
    assert _ids("Kernel density estimation in sublinear time") == [
        "kw:kernel-methods",
        "kw:sublinear-algorithms",
    ]
    assert _ids("Linux kernel scheduling") == ["kw:operating-systems", "kw:scheduling"]
    assert _ids("Point cloud registration") == []
    assert _ids("A particle accelerator beam study") == []
    assert _ids("Elastic scattering of electrons") == []
    assert _ids("The serving of meals") == []


def test_terms_do_not_span_punctuation() -> None:
    assert _ids("We measure CPU, memory and disk") == []
    assert _ids("reduce GPU/memory pressure") == []
    # parentheses are soft: an acronym definition stays inside the phrase
    kv = {k.id: k.matched for k in extract_keywords("The key-value (KV) cache grows", None)}
    assert kv["kw:kv-cache"] == "KV cache"


def test_overlapping_terms_all_count() -> None:
    assert _ids("LLM serving") == ["kw:large-language-models", "kw:model-serving"]
    assert _ids("sparse attention") == ["kw:attention-mechanisms", "kw:sparsity"]


def test_broader_terms_are_implied() -> None:
    assert _ids("prefix caching") == ["kw:caching", "kw:kv-cache", "kw:prefix-caching"]
    assert _ids("RLHF") == ["kw:reinforcement-learning", "kw:rlhf"]
    assert _ids("context parallelism") == [
        "kw:long-context",
        "kw:model-parallelism",
        "kw:sequence-parallelism",
    ]


def test_title_and_abstract_both_count_and_title_text_wins() -> None:
    topics = extract_keywords(
        "Speculative decoding", "We use mixture of experts and speculative sampling."
    )
    assert {k.id: k.matched for k in topics} == {
        "kw:mixture-of-experts": "mixture of experts",
        "kw:speculative-decoding": "Speculative decoding",
    }


def test_empty_input() -> None:
    assert extract_keywords("", None) == []
    assert extract_keywords("", "") == []
    assert extract_keywords("On the theory of numbers", None) == []


def test_end_of_text_does_not_shorten_into_another_term() -> None:
    # "kv" is the first word of several terms; at the very end it must match nothing.
    assert _ids("the last word is kv") == []


# ---------------------------------------------------------------------------------------
# Vocabulary and names
# ---------------------------------------------------------------------------------------


def test_vocabulary_size_and_ids() -> None:
    vocab = keyword_vocabulary()
    assert 100 <= len(vocab) <= 150
    ids = [t.id for t in vocab]
    assert len(set(ids)) == len(ids)
    assert all(i == "kw:" + normalize_topic_name(t.name) for i, t in zip(ids, vocab, strict=True))


def test_vocabulary_mistakes_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown broader"):
        _build_index((KeywordTerm("A", ("a",), broader=("B",)),))
    with pytest.raises(ValueError, match="capital"):
        _build_index((KeywordTerm("A", ("a",), acronyms=("moe",)),))
    with pytest.raises(ValueError, match="duplicate"):
        _build_index((KeywordTerm("A b", ("x",)), KeywordTerm("a-B", ("y",))))


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Mixture-of-Experts", "mixture-of-experts"),
        ("Mixture of Experts", "mixture-of-experts"),
        ("  LLM   Serving ", "llm-serving"),
        ("Café Systems", "cafe-systems"),
        ("KV_cache", "kv-cache"),
        ("", ""),
    ],
)
def test_normalize_topic_name(name: str, slug: str) -> None:
    assert normalize_topic_name(name) == slug
