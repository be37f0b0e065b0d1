"""Topics: official arXiv categories and keyword topics found in titles and abstracts.

arXiv categories
    ``graph/data/arxiv_categories.json`` is the official arXiv taxonomy, extracted from
    arXiv's own ``arxiv-base`` repository (``arxiv/taxonomy/definitions.py``, commit
    0f94fa03 of 2026-06-29): the 155 active categories plus the 21 retired ones that old
    metadata still carries (bare ``astro-ph``, ``cond-mat``, ``q-bio`` and the subsumed
    archives such as ``chao-dyn`` -> nlin.CD, ``cmp-lg`` -> cs.CL). Each code maps to its
    official name, archive, group, whether it is active and, for an alias or a subsumed
    archive, its canonical code (cs.SY -> eess.SY, math.IT -> cs.IT, stat.TH -> math.ST,
    math.MP -> math-ph, q-fin.EC -> econ.GN, cs.NA -> math.NA).

    :func:`resolve_category` returns the canonical category, so a paper filed under cs.SY
    and one under eess.SY share one topic node, as arXiv itself lists them together.
    Profile pages show bare subject classes ("DC", "SP", "NC"). A bare code resolves to
    the first archive in :data:`BARE_CODE_PRIORITY` that has that subject class: cs
    first (this graph is about computer scientists), then eess, stat, math, q-bio,
    q-fin, econ, then the physics archives. So "SP" is eess.SP (not math.SP), "IV" eess.IV,
    "NC" q-bio.NC, "ML" stat.ML, "CO" stat.CO (not math.CO or astro-ph.CO), "AP" stat.AP,
    "GN" math.GN, and "SY" is cs.SY, which is an alias and so comes back as eess.SY.

Keyword topics
    A curated vocabulary of this field's terms (ML systems, HPC, distributed systems,
    networking, databases, LLMs and the ML topics the seed profiles touch), each with its
    surface forms. Matching works on word tokens (runs of letters and digits), so word
    boundaries come for free and "mixture-of-experts", "Mixture of Experts" and
    "mixture‐of‐experts" are one form. Other punctuation ends a phrase, so "CPU, memory"
    is not "CPU memory"; brackets do not, so "key-value (KV) cache" is a KV cache.
    Phrases match case-insensitively; acronyms that are also ordinary words or names
    ("MoE" vs "Moe", "RAG" vs "rag", "LoRA" vs the radio "LoRa") match only in their
    exact case. Every form also matches its plural and, for "-ize" words, the British
    "-ise" spelling.

    Matching looks up every token n-gram that starts with a known first token, so
    overlapping terms all count: "LLM serving" yields both Large Language Models and
    Model Serving, which a single leftmost-longest regex alternation could not give.
    One form may belong to several terms ("sparse attention" is Attention Mechanisms and
    Sparsity).
    A term may name broader terms it always implies (Expert Parallelism implies
    Mixture-of-Experts); they are added with the narrower term's matched text.

    A term found in the title or in the abstract counts; nothing is weighted or
    thresholded, so the same text always gives the same topics. Single generic words
    ("cache" alone is Caching, never KV Cache; "kernel" alone is nothing, because it is
    a GPU kernel, an OS kernel or a kernel method) are either left out or mapped to the
    generic topic only.

    One precompiled regex splits the text into tokens; the rest is dictionary lookups.
    Throughput on 10,000 synthetic title+abstract pairs (seed titles with 5-10 random
    seed-abstract sentences, ~1,300 characters, ~11 topics each): about 8,000 papers/s
    of CPU time on one core of the 2-core dev machine (5,000-7,000 wall-clock while the
    machine was shared), so a 1M-paper load spends about two minutes here.
"""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import NamedTuple

__all__ = [
    "BARE_CODE_PRIORITY",
    "ArxivCategory",
    "KeywordTerm",
    "KeywordTopic",
    "all_categories",
    "extract_keywords",
    "keyword_vocabulary",
    "normalize_topic_name",
    "resolve_category",
    "topic_id_for_category",
]

# ---------------------------------------------------------------------------------------
# arXiv categories
# ---------------------------------------------------------------------------------------

BARE_CODE_PRIORITY: tuple[str, ...] = (
    "cs",
    "eess",
    "stat",
    "math",
    "q-bio",
    "q-fin",
    "econ",
    "astro-ph",
    "cond-mat",
    "nlin",
    "physics",
)
"""Archives in the order a bare subject class ("SP") is looked up; the module docstring
says why this order."""

_DATA_FILE = "arxiv_categories.json"


@dataclass(frozen=True, slots=True)
class ArxivCategory:
    """One official arXiv category. ``canonical`` is set only on an alias or a subsumed
    archive, and names the category arXiv treats as the real one."""

    code: str
    name: str
    archive: str
    group: str
    active: bool = True
    canonical: str | None = None


class _Taxonomy(NamedTuple):
    by_code: dict[str, ArxivCategory]  # lower-cased full code -> category
    by_bare: dict[str, ArxivCategory]  # lower-cased subject class -> preferred category


@cache
def _taxonomy() -> _Taxonomy:
    raw = resources.files("graph").joinpath("data", _DATA_FILE).read_text(encoding="utf-8")
    rows: dict[str, dict[str, object]] = json.loads(raw)
    cats = [
        ArxivCategory(
            code=code,
            name=str(row["name"]),
            archive=str(row["archive"]),
            group=str(row["group"]),
            active=bool(row.get("active", True)),
            canonical=str(row["canonical"]) if row.get("canonical") else None,
        )
        for code, row in rows.items()
    ]
    by_code = {c.code.lower(): c for c in cats}
    rank = {archive: i for i, archive in enumerate(BARE_CODE_PRIORITY)}
    by_bare: dict[str, ArxivCategory] = {}
    ranked = sorted(
        (c for c in cats if "." in c.code),
        key=lambda c: (rank.get(c.archive, len(rank)), c.archive, c.code),
    )
    for c in ranked:
        by_bare.setdefault(c.code.split(".", 1)[1].lower(), c)
    return _Taxonomy(by_code, by_bare)


def resolve_category(code: str, *, canonical: bool = True) -> ArxivCategory | None:
    """The official category a code stands for, or ``None`` when there is none.

    Full codes match case-insensitively ("CS.dc" -> cs.DC); a bare subject class
    follows :data:`BARE_CODE_PRIORITY`. With ``canonical`` (the default) an alias
    comes back as its canonical category (cs.SY -> eess.SY), so that one subject is
    one topic; ``canonical=False`` returns the alias itself.

    >>> resolve_category("DC").code, resolve_category("SY").code
    ('cs.DC', 'eess.SY')
    """
    text = code.strip()
    if text[:6].lower() == "arxiv:":
        text = text[6:].strip()
    if not text:
        return None
    tax = _taxonomy()
    key = text.lower()
    cat = tax.by_code.get(key)
    if cat is None and "." not in key:
        cat = tax.by_bare.get(key)
    if cat is None:
        return None
    if canonical and cat.canonical is not None:
        return tax.by_code[cat.canonical.lower()]
    return cat


def all_categories() -> tuple[ArxivCategory, ...]:
    """Every category of the shipped taxonomy (aliases and retired ones included),
    sorted by code."""
    return tuple(sorted(_taxonomy().by_code.values(), key=lambda c: c.code))


def topic_id_for_category(cat: ArxivCategory) -> str:
    """The Topic node id of an arXiv category: ``arxiv:cs.DC``."""
    return f"arxiv:{cat.code}"


# ---------------------------------------------------------------------------------------
# Keyword topics
# ---------------------------------------------------------------------------------------


def normalize_topic_name(name: str) -> str:
    """The slug two spellings of one topic name share, used in ``kw:`` ids: folds case
    and accents, and turns every run of punctuation or spacing into one hyphen.

    >>> normalize_topic_name("Mixture of Experts"), normalize_topic_name(" Mixture-of-Experts ")
    ('mixture-of-experts', 'mixture-of-experts')
    """
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "-".join(_WORD_RE.findall(folded))


@dataclass(frozen=True, slots=True)
class KeywordTopic:
    """A vocabulary term found in a paper; ``matched`` is the text as the paper wrote it
    (for an implied broader term, the narrower term's text)."""

    id: str
    name: str
    matched: str


@dataclass(frozen=True, slots=True)
class KeywordTerm:
    """One vocabulary entry: its display name, phrase forms (case-insensitive),
    acronyms (exact case) and the broader terms it implies."""

    name: str
    phrases: tuple[str, ...]
    acronyms: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return "kw:" + normalize_topic_name(self.name)


# A word: letters and digits. Words are what terms are made of; "_", hyphens and spacing
# only separate them.
_WORD_RE = re.compile(r"[^\W_]+")
# What the matcher walks: words, and runs of other punctuation as tokens of their own that
# no term contains, so a term never spans "CPU, memory" or "GPU/memory". Parentheses and
# brackets stay soft: "key-value (KV) cache" and "model (LLM) inference" are one phrase.
_TOKEN_RE = re.compile(r"([^\W_]+|[^\w\s\-\u2010\u2011\u2012\u2013()\[\]]+)")


def _t(name: str, phrases: str, acronyms: str = "", broader: tuple[str, ...] = ()) -> KeywordTerm:
    """Compact vocabulary entry: phrases separated by ";", ``{a,b}`` expands to both,
    acronyms separated by spaces."""
    forms = tuple(p.strip() for p in phrases.split(";") if p.strip())
    return KeywordTerm(name, forms, tuple(acronyms.split()), broader)


_MP = "Model Parallelism"

# The vocabulary. Composite forms keep generic words ("kernel", "serving", "elastic",
# "cloud", "accelerator", "storage") from matching alone where they are ambiguous across
# fields (OS kernels, point clouds, particle accelerators, energy storage).
_VOCABULARY: tuple[KeywordTerm, ...] = (
    # --- models and learning -----------------------------------------------------------
    _t(
        "Large Language Models",
        "large language model; large scale language model; language model; llm",
    ),
    _t("Transformers", "transformer; transformer model; transformer architecture"),
    _t(
        "Attention Mechanisms",
        "attention mechanism; self attention; cross attention; multi head attention;"
        "sparse attention; linear attention; ring attention; flash attention; flashattention;"
        "paged attention; pagedattention; grouped query attention; multi query attention;"
        "causal attention; sliding window attention; concurrent attention;"
        "attention {kernel,layer,head,computation,module,operator,score,map,weight};"
        "attention based",
        "GQA",
    ),
    _t(
        "Mixture-of-Experts",
        "mixture of experts; mixture of expert; mixtures of experts; expert routing; moe kernel",
        "MoE",
    ),
    _t(
        "State Space Models",
        "state space model; state space duality; selective state space; mamba",
        "SSM",
    ),
    _t(
        "Diffusion Models",
        "diffusion model; diffusion transformer; denoising diffusion; stable diffusion;"
        "diffusion llm; diffusion language model; latent diffusion; diffusion sampling;"
        "diffusion decoding; score based generative model; dllm",
        "DiT DDPM",
    ),
    _t(
        "Generative AI",
        "generative ai; generative model; generative artificial intelligence; genai; aigc",
    ),
    _t(
        "Multimodal Models",
        "multimodal; multi modal; vision language; vision language model; mllm",
        "VLM",
    ),
    _t(
        "Foundation Models",
        "foundation model; pre trained model; pretrained model; large model; big model;"
        "large scale model",
    ),
    _t("Deep Learning", "deep learning; deep neural network; neural network; deep model; dnn"),
    _t("Graph Neural Networks", "graph neural network; graph convolutional network", "GNN GCN"),
    _t(
        "Learning Theory",
        "learning theory; sample complexity; query complexity; neural tangent kernel;"
        "overparametrized; overparameterized; over parameterized; generalization bound;"
        "pac learning",
        "NTK",
    ),
    _t(
        "Kernel Methods",
        "kernel method; kernel density estimation; kernel regression; kernel ridge regression;"
        "kernel matrix; reproducing kernel; support vector machine; svm",
        "KDE RKHS",
    ),
    _t("Active Learning", "active learning"),
    _t(
        "Representation Learning",
        "representation learning; self supervised learning; contrastive learning",
    ),
    _t(
        "Reinforcement Learning",
        "reinforcement learning; policy optimization; policy gradient; q learning",
        "RL PPO GRPO",
    ),
    _t(
        "RLHF",
        "rlhf; reinforcement learning from human feedback; human feedback;"
        "preference optimization; reward model; rlvr",
        "DPO",
        broader=("Reinforcement Learning",),
    ),
    _t(
        "Federated Learning",
        "federated learning; federated training; federated optimization; federated averaging;"
        "fedavg",
    ),
    _t(
        "Fine-Tuning",
        "fine tuning; finetuning; fine tuned {model,llm}; finetuned {model,llm};"
        "instruction tuning; supervised fine tuning",
        "SFT",
    ),
    _t(
        "Parameter-Efficient Fine-Tuning",
        "parameter efficient fine tuning; parameter efficient finetuning;"
        "parameter efficient tuning; peft; adapter tuning; prefix tuning; prompt tuning",
        broader=("Fine-Tuning",),
    ),
    _t(
        "LoRA",
        "low rank adaptation; qlora",
        "LoRA",
        broader=("Parameter-Efficient Fine-Tuning",),
    ),
    _t(
        "Low-Rank Methods",
        "low rank; low rank approximation; low rank factorization; singular value decomposition",
        "SVD",
    ),
    _t(
        "Quantization",
        "quantization; quantized; quantize; quantizing; low bit; low precision; binarization;"
        "binarized; binary neural network; ternary llm; ternary weight; ternary quantization;"
        "mixed precision; fp8; fp4; int8; int4; {1,2,3,4} bit; bitnet",
    ),
    _t(
        "Sparsity",
        "sparsity; sparse model; sparse training; sparse inference; sparse attention;"
        "sparse activation; activation sparsity; weight sparsity; structured sparsity;"
        "sparse computation; sparse kernel; sparse matrix; sparse tensor; sparsification;"
        "sparsified; sparse neural network",
    ),
    _t(
        "Model Compression",
        "model compression; pruning; pruned; network pruning; knowledge distillation;"
        "model distillation",
    ),
    _t(
        "Compression",
        "compression; compressed; compress; compressing; codec; data compression;"
        "gradient compression; kv compression",
    ),
    _t(
        "Speculative Decoding",
        "speculative decoding; speculative generation; speculative sampling;"
        "speculative inference; draft model; draft token; self speculative; lookahead decoding",
    ),
    _t(
        "Long Context",
        "long context; long sequence; long input; long document; context length;"
        "context window; infinite context; million token; long range dependency",
    ),
    _t(
        "Retrieval-Augmented Generation",
        "retrieval augmented generation; retrieval augmented; retrieval augmentation",
        "RAG",
    ),
    _t(
        "Information Retrieval",
        "information retrieval; dense retrieval; document retrieval; retriever; search engine;"
        "semantic search; reranking; re ranking",
    ),
    _t(
        "Reasoning",
        "chain of thought; reasoning model; llm reasoning; mathematical reasoning;"
        "reasoning {task,ability,capability}",
        "CoT",
    ),
    _t(
        "Test-Time Scaling",
        "test time scaling; test time compute; test time computation; inference time scaling;"
        "inference time compute",
    ),
    _t(
        "Prompting and In-Context Learning",
        "prompt engineering; in context learning; few shot prompting; prompt optimization",
    ),
    _t(
        "AI Alignment and Safety",
        "ai alignment; llm alignment; ai safety; llm safety; safety alignment; red teaming;"
        "jailbreak",
    ),
    _t(
        "AI Agents",
        "agentic; llm agent; ai agent; language agent; coding agent; llm based agent;"
        "autonomous agent; agent workflow; tool use; tool calling; function calling; web agent",
    ),
    _t("Multi-Agent Systems", "multi agent; multiagent"),
    _t(
        "Evolutionary Algorithms",
        "evolutionary {search,algorithm,computation,optimization,strategy,loop};"
        "evolution strategy; genetic algorithm; genetic programming; agentic evolution",
    ),
    _t(
        "Interpretability",
        "interpretability; interpretable; explainability; explainable ai;"
        "mechanistic interpretability; sparse autoencoder; feature attribution",
        "XAI",
    ),
    _t(
        "Stochastic Optimization",
        "gradient descent; stochastic gradient; adaptive optimizer; convergence rate",
        "SGD",
    ),
    # --- LLM and ML systems -------------------------------------------------------------
    _t(
        "Machine Learning Systems",
        "machine learning system; ml system; mlsys; deep learning system; ai infrastructure;"
        "ml infrastructure; deep learning framework; ml framework; pytorch; tensorflow; jax;"
        "megatron; megatron lm; deepspeed; vllm; sglang",
    ),
    _t(
        "Model Serving",
        "model serving; inference serving; llm serving; dnn serving; lora serving;"
        "serving system; serving engine; serving framework; serving workload;"
        "serving throughput; serving cost; serving latency; serving capacity;"
        "serving {large language model,llm,ai model,dnn,dnn model,machine learning,deep learning};"
        "model server; inference server; co serving",
    ),
    _t(
        "LLM Inference",
        "llm inference; llm inferencing; large language model inference;"
        "inference {of,for} large language model; inference {of,for} llm; llm decoding;"
        "autoregressive decoding; prefill; prefill decode",
    ),
    _t(
        "Efficient Inference",
        "efficient inference; inference efficiency; inference acceleration;"
        "accelerating inference; inference latency; inference throughput; fast inference;"
        "inference optimization; inference system; inference engine;"
        "distributed inference; parallel inference; batched inference; edge inference",
    ),
    _t(
        "Batching",
        "batching; continuous batching; dynamic batching; batch scheduling; batched inference;"
        "batched inferencing; batched execution; request batching",
    ),
    _t("Disaggregation", "disaggregation; disaggregated; disaggregate"),
    _t(
        "KV Cache",
        "kv cache; kvcache; kv caching; key value cache; kv recomputation; kv eviction;"
        "kv reuse; kv transfer; kv management; kv compression; kv offloading; paged attention",
        broader=("Caching",),
    ),
    _t(
        "Prefix Caching",
        "prefix cache; prefix caching; prompt caching; prompt cache; prefix sharing;prefix reuse",
        broader=("KV Cache",),
    ),
    _t("Caching", "cache; caching; cached"),
    _t(
        "Memory Offloading",
        "memory offloading; cpu offloading; offloading to cpu; offload to cpu; host memory;"
        "cpu memory; tiered memory; memory tiering; far memory; memory pooling; memory pool;"
        "cxl; zero offload; parameter offloading; activation offloading; kv offloading",
    ),
    _t(
        "Memory Efficiency",
        "memory efficient; memory efficiency; memory footprint; memory consumption;"
        "memory usage; memory bottleneck; memory overhead; out of memory; memory saving;"
        "memory wall; gpu memory; memory capacity",
    ),
    _t(
        "Training Efficiency",
        "training efficiency; efficient training; training throughput; training speed;"
        "training cost; fast training; faster training; training acceleration;"
        "accelerate training; accelerating training; training speedup",
    ),
    _t(
        "Distributed Training",
        "distributed training; distributed deep learning; distributed machine learning;"
        "distributed {dnn,model,llm} training; large scale training; large model training;"
        "llm training; large scale deep learning; multi gpu training;"
        "training large {,scale} {language model,model,llm}; training at scale;"
        "training cluster; training job; training system; training framework;"
        "hybrid parallel training; moe training",
    ),
    _t(
        _MP,
        "model parallelism; model parallel; hybrid parallelism; hybrid parallel;"
        "3d parallelism; inter operator parallelism; intra operator parallelism;"
        "operator parallelism; parallelism strategy; parallelization strategy;"
        "parallelism scheme; auto parallelization; automatic parallelization",
    ),
    _t(
        "Pipeline Parallelism",
        "pipeline parallelism; pipeline parallel; pipelined parallelism;pipeline model parallelism",
        broader=(_MP,),
    ),
    _t(
        "Tensor Parallelism",
        "tensor parallelism; tensor parallel; tensor model parallelism;"
        "intra layer model parallelism",
        broader=(_MP,),
    ),
    _t(
        "Sequence Parallelism",
        "sequence parallelism; sequence parallel; context parallelism; context parallel;"
        "ring parallelism",
        broader=(_MP, "Long Context"),
    ),
    _t(
        "Expert Parallelism",
        "expert parallelism; expert parallel; expert placement",
        broader=(_MP, "Mixture-of-Experts"),
    ),
    _t(
        "Data Parallelism",
        "data parallelism; data parallel; fully sharded data parallel;"
        "zero redundancy optimizer; fsdp",
        "ZeRO DDP",
        broader=("Distributed Training",),
    ),
    _t(
        "Collective Communication",
        "collective communication; collective operation; all reduce; allreduce; all to all;"
        "alltoall; all gather; allgather; reduce scatter; reducescatter; nccl; rccl;"
        "communication library",
    ),
    _t(
        "Communication Optimization",
        "communication overhead; communication volume; communication efficient;"
        "communication efficiency; communication optimization; communication overlap;"
        "communication scheduling; communication cost; communication bottleneck;"
        "overlapping communication; communication computation overlap;"
        "computation communication overlap; gradient compression",
    ),
    _t(
        "GPU Kernels",
        "gpu kernel; cuda kernel; triton kernel; kernel fusion; fused kernel;"
        "kernel generation; kernel optimization; kernel tuning; attention kernel; sparse kernel;"
        "moe kernel; warp specialization; cuda; cuda graph; gpu programming; tensor core;"
        "custom kernel; gemm kernel",
    ),
    _t(
        "Heterogeneous Computing",
        "heterogeneous {gpu,hardware,cluster,infrastructure,device,accelerator,computing,"
        "execution,resource,platform,acceleration,system,parallel,processor,nic};"
        "hardware heterogeneity",
    ),
    _t(
        "Hardware Accelerators",
        "hardware accelerator; hardware acceleration; accelerator design;"
        "accelerator architecture; {dnn,llm,ai,ml,neural network,deep learning} accelerator;"
        "fpga; asic; npu; tpu; systolic array; processing in memory; near memory processing;"
        "in memory computing",
        "PIM",
    ),
    _t(
        "Computer Architecture",
        "computer architecture; microarchitecture; branch prediction; branch predictor;"
        "instruction set; cache hierarchy; memory hierarchy; processor design; out of order;"
        "prefetching; prefetcher; simd",
    ),
    _t(
        "Compilers",
        "compiler; compilation; tensor compiler; tensor program; deep learning compiler;"
        "ml compiler; tvm; mlir; xla; autotuning; auto tuning; operator fusion",
    ),
    _t(
        "Programming Languages",
        "programming language; domain specific language; type system; programming model",
        "DSL",
    ),
    _t(
        "Code Generation",
        "code generation; program synthesis; code synthesis; synthesizing code;"
        "code completion; code llm; code generator; coding agent; coding assistant;"
        "code repair; program repair",
    ),
    _t(
        "Software Engineering",
        "software engineering; program analysis; static analysis; software testing;"
        "bug detection; code review; code reuse; debugging; fuzzing; software development;"
        "software maintenance; test suite",
    ),
    _t(
        "Formal Verification",
        "formal verification; formal method; model checking; theorem proving;"
        "proof assistant; verified compiler",
    ),
    # --- systems, HPC, networking, data ----------------------------------------------------
    _t(
        "Parallel Computing",
        "parallel computing; parallel programming; parallelization; parallel algorithm;"
        "parallel execution; parallel processing; message passing interface; openmp;"
        "multi core; multicore; many core; parallelize; parallelizing",
        "MPI",
    ),
    _t(
        "High-Performance Computing",
        "high performance computing; hpc; supercomputer; supercomputing; exascale;"
        "scientific computing",
    ),
    _t(
        "Distributed Systems",
        "distributed system; distributed computing; distributed protocol;"
        "distributed algorithm; data replication; replication protocol; consistency model;"
        "strong consistency;"
        "eventual consistency; geo distributed",
    ),
    _t(
        "Consensus Protocols",
        "consensus protocol; consensus algorithm; paxos; byzantine fault tolerance;"
        "byzantine; state machine replication",
        "Raft BFT",
    ),
    _t(
        "Blockchain",
        "blockchain; smart contract; cryptocurrency; distributed ledger; bitcoin; ethereum",
    ),
    _t(
        "Fault Tolerance",
        "fault tolerance; fault tolerant; failure recovery; fault recovery; failure handling;"
        "resilient training; node failure; gpu failure; hardware failure; machine failure;"
        "silent data corruption; byzantine fault tolerance",
    ),
    _t(
        "Checkpointing",
        "checkpointing; checkpoint and {restart,restore,rollback,recovery}; checkpoint restart;"
        "checkpoint recovery; checkpoint overhead",
    ),
    _t(
        "Elastic Scaling",
        "elastic {training,scaling,scheduling,serving,inference,decoding,rl,resource,system,"
        "native,compute,cloud}; autoscaling; auto scaling",
    ),
    _t(
        "Scheduling",
        "scheduling; scheduler",
    ),
    _t(
        "Load Balancing",
        "load balancing; load balance; load balancer; load balanced; load imbalance;"
        "imbalanced load; least loaded; load aware",
    ),
    _t(
        "Resource Management",
        "resource management; resource allocation; resource provisioning;"
        "resource utilization; cluster management; cluster scheduling; gpu cluster;"
        "resource sharing; gpu sharing; gpu utilization; hardware utilization",
    ),
    _t(
        "Fairness",
        "fairness; fair scheduling; fair share; fair sharing; max min fair",
    ),
    _t("Multi-Tenancy", "multi tenant; multi tenancy; multitenant; multitenancy"),
    _t(
        "Cloud Computing",
        "cloud computing; public cloud; private cloud; hybrid cloud; multi cloud; cloud native;"
        "cloud provider; cloud service; cloud platform; cloud resource; cloud infrastructure;"
        "spot instance; spot vm; sky computing; across clouds; kubernetes",
    ),
    _t("Serverless Computing", "serverless; function as a service", "FaaS"),
    _t(
        "Edge Computing",
        "edge computing; edge device; edge inference; edge ai; mobile edge; on device;"
        "resource constrained device; edge server; iot; internet of things; tinyml;"
        "mobile device",
    ),
    _t(
        "Workflow Orchestration",
        "orchestration; workflow orchestration; machine learning workflow; ml workflow;"
        "workflow system; workflow engine; task based distributed system; task based system",
    ),
    _t(
        "Data Processing Systems",
        "stream processing; streaming system; batch processing; streaming batch;"
        "data processing system; data processing framework; mapreduce; apache spark;"
        "apache flink; big data",
    ),
    _t(
        "Databases",
        "database; dbms; query processing; query optimization; query optimizer; sql;"
        "transaction processing; oltp; olap",
    ),
    _t(
        "Key-Value Stores",
        "key value store; key value storage; key value database; kv store; lsm tree;"
        "log structured merge",
        "KVS",
    ),
    _t(
        "Vector Databases",
        "vector database; vector search; vector index; vector similarity search;"
        "approximate nearest neighbor; approximate nearest neighbor search;"
        "nearest neighbor search; similarity search; embedding search",
        "ANNS",
    ),
    _t(
        "Indexing",
        "indexing; index structure; learned index; b tree; skiplist; skip list; hash table;"
        "inverted index; vector index; index construction",
    ),
    _t(
        "Concurrency",
        "concurrency; concurrency control; lock free; wait free; concurrent data structure;"
        "transactional memory",
    ),
    _t(
        "Storage Systems",
        "storage system; file system; filesystem; solid state drive; nvme; flash storage;"
        "distributed storage; object storage; cloud storage; persistent memory;"
        "storage {engine,layer,cost,overhead,footprint,device,tier,hierarchy};"
        "low storage; unified storage",
    ),
    _t(
        "Operating Systems",
        "operating system; os kernel; linux kernel; kernel bypass; ebpf; hypervisor;"
        "virtual machine; virtualization; unikernel; system call",
    ),
    _t(
        "RDMA",
        "rdma; remote direct memory access; infiniband; roce; gpudirect; iwarp",
    ),
    _t(
        "Interconnects",
        "interconnect; nvlink; nvswitch; pcie; rack scale; scale up network; scale out network",
    ),
    _t(
        "Datacenter Networking",
        "datacenter network; data center network; datacenter networking;"
        "data center networking; datacenter fabric; network fabric; network interface card;"
        "smartnic",
        "NIC",
    ),
    _t(
        "Congestion Control",
        "congestion control; congestion controller; network congestion; congestion window;incast",
    ),
    _t(
        "Programmable Networks",
        "software defined networking; programmable switch; programmable data plane;"
        "smartnic; network function virtualization; in network computing;"
        "in network aggregation",
        "SDN NFV P4",
    ),
    _t(
        "Optical Networking",
        "optical network; optical networking; optical interconnect; optical switching;"
        "optical circuit switch; optical system; photonic interconnect; silicon photonic;"
        "optical communication",
    ),
    _t(
        "Wireless Communication",
        "wireless; 5g; 6g; mimo; ofdm; otfs; mmwave; millimeter wave; cellular network;wi fi; wifi",
        "LoRa LoRaWAN",
    ),
    _t(
        "Energy Efficiency",
        "energy efficiency; energy efficient; power consumption; energy consumption;"
        "energy cost; power efficiency; power efficient; carbon footprint; carbon emission;"
        "green ai; energy saving; power management; dvfs",
    ),
    _t(
        "Performance Modeling",
        "performance modeling; performance model; performance prediction;"
        "performance estimation; performance simulator; simulator; simulation based;"
        "cost model",
    ),
    _t("Benchmarking", "benchmarking; benchmark suite"),
    # --- applications and other areas -------------------------------------------------------
    _t(
        "Computer Vision",
        "computer vision; image classification; object detection; semantic segmentation;"
        "image segmentation; super resolution; image restoration; deblurring;"
        "image denoising; vision transformer; vision backbone; convolutional neural network;"
        "visual recognition; image recognition; convolutional network; convnet",
        "ViT",
    ),
    _t(
        "Image Generation",
        "image generation; text to image; image synthesis; image editing",
    ),
    _t("Video", "video"),
    _t(
        "Video Analytics",
        "video analytics; video analysis; video query; video understanding; video processing;"
        "live video",
        broader=("Video",),
    ),
    _t(
        "Speech and Audio",
        "speech; audio; speech recognition; text to speech; spoken",
        "ASR TTS",
    ),
    _t(
        "Natural Language Processing",
        "natural language processing; nlp; text classification; named entity recognition;"
        "machine translation; sentiment analysis; natural language understanding",
        "NLU",
    ),
    _t("Summarization", "summarization; summarizer"),
    _t("Question Answering", "question answering"),
    _t("Dialogue Systems", "dialogue; dialog; conversational; chatbot"),
    _t("Tabular Data", "tabular data; table understanding; table question answering"),
    _t("Time Series", "time series"),
    _t(
        "Human Activity Recognition",
        "human activity recognition; activity recognition; wearable",
        "HAR",
    ),
    _t(
        "Neuroscience",
        "neuroscience; brain; eeg; fmri; electroencephalography; neural recording;"
        "brain computer interface",
        "BCI",
    ),
    _t(
        "Healthcare",
        "healthcare; health care; clinical; medical; ehr; electronic health record;"
        "mental health; diagnosis",
    ),
    _t(
        "Scientific Machine Learning",
        "scientific machine learning; physics informed neural network; physics informed;"
        "pinn; neural operator; operator learning; partial differential equation; pde;"
        "surrogate model; multiphysics",
    ),
    _t(
        "Mathematical Optimization",
        "mathematical optimization; combinatorial optimization; integer programming;"
        "linear programming; mixed integer; milp; dynamic programming; convex optimization;"
        "operations research",
    ),
    _t(
        "Matrix Factorization",
        "matrix factorization; matrix completion; tensor decomposition; tensor factorization",
    ),
    _t(
        "Sublinear Algorithms",
        "sublinear time; sublinear algorithm; sublinear space; sub linear time; sketching;"
        "streaming algorithm",
    ),
    _t(
        "Graph Algorithms",
        "graph algorithm; shortest path; bipartite matching; dynamic graph;"
        "graph partitioning; minimum spanning tree; max flow; maximum flow; graph matching",
    ),
    _t("Graph Processing", "graph processing; graph analytics; graph database; graph computation"),
    _t("Knowledge Graphs", "knowledge graph; knowledge base"),
    _t("Hashing", "hashing; hash function; locality sensitive hashing; hash table", "LSH"),
    _t("Clustering", "clustering; k means; k median"),
    _t(
        "Recommender Systems",
        "recommender system; recommendation system; recommendation model; dlrm;"
        "click through rate; collaborative filtering",
    ),
    _t(
        "Multi-Label Learning",
        "multi label learning; multi label classification; multi instance learning;"
        "multi instance multi label; multi view learning",
    ),
    _t(
        "Privacy",
        "privacy; differential privacy; differentially private; privacy preserving",
    ),
    _t(
        "Security",
        "security; adversarial attack; adversarial example; adversarial robustness; backdoor;"
        "jailbreak; side channel; malware; vulnerability; intrusion detection",
    ),
    _t(
        "Data Synthesis and Curation",
        "synthetic data; data synthesis; synthesizing data; synthetic dataset; data curation;"
        "dataset curation",
    ),
    _t(
        "Crowdsourcing",
        "crowdsourcing; crowdsourced; crowd worker; mechanical turk; mturk; human annotation;"
        "human evaluation",
    ),
    _t(
        "Factuality and Hallucination",
        "factual consistency; factuality; hallucination; hallucinate; fact checking;faithfulness",
    ),
    _t("Robotics", "robotics; robot; robotic"),
    _t("Autonomous Driving", "autonomous driving; self driving; autonomous vehicle"),
)


def keyword_vocabulary() -> tuple[KeywordTerm, ...]:
    """The curated vocabulary, in definition order."""
    return _VOCABULARY


# ---------------------------------------------------------------------------------------
# The matcher: token n-gram tables built once from the vocabulary.
# ---------------------------------------------------------------------------------------

_BRACES = re.compile(r"\{([^{}]*)\}")
_IZE = re.compile(r"iz(e|ed|es|ing|ation|ations|er|ers)$")


def _expand(form: str) -> list[str]:
    """``"a {b,c} d"`` -> ``["a b d", "a c d"]``; an empty alternative drops the word."""
    parts = _BRACES.split(form)
    choices = [
        [alt.strip() for alt in part.split(",")] if i % 2 else [part]
        for i, part in enumerate(parts)
    ]
    return [" ".join("".join(combo).split()) for combo in itertools.product(*choices)]


def _plural(word: str) -> str:
    if word[-1:].isdigit():
        return word
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u"):
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def _variants(tokens: tuple[str, ...]) -> set[tuple[str, ...]]:
    """A form, its plural, and the British -ise spelling of its -ize words."""
    out = {tokens, (*tokens[:-1], _plural(tokens[-1]))}
    british = tuple(_IZE.sub(lambda m: "is" + m.group(1), t) for t in tokens)
    if british != tokens:
        out |= {british, (*british[:-1], _plural(british[-1]))}
    return out


class _Index(NamedTuple):
    terms: tuple[KeywordTerm, ...]
    phrases: dict[tuple[str, ...], tuple[int, ...]]  # lower-cased token n-gram -> terms
    phrase_lengths: dict[str, tuple[int, ...]]  # first token -> n-gram lengths, longest first
    acronyms: dict[tuple[str, ...], tuple[int, ...]]  # exact-case token n-gram -> terms
    acronym_lengths: dict[str, tuple[int, ...]]
    broader: tuple[tuple[int, ...], ...]  # term -> every broader term, transitively
    ids: tuple[str, ...]


def _table(
    entries: Iterable[tuple[tuple[str, ...], int]],
) -> tuple[dict[tuple[str, ...], tuple[int, ...]], dict[str, tuple[int, ...]]]:
    table: dict[tuple[str, ...], tuple[int, ...]] = {}
    lengths: dict[str, set[int]] = {}
    for key, term in entries:
        if term not in table.get(key, ()):
            table[key] = (*table.get(key, ()), term)
        lengths.setdefault(key[0], set()).add(len(key))
    return table, {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}


def _build_index(terms: tuple[KeywordTerm, ...]) -> _Index:
    """Tables for :func:`extract_keywords`; raises ``ValueError`` on a vocabulary
    mistake (an unknown broader term, a duplicate id, an acronym with no capital)."""
    by_name = {t.name: i for i, t in enumerate(terms)}
    ids = [t.id for t in terms]
    if len(set(ids)) != len(ids):
        raise ValueError("duplicate keyword topic ids in the vocabulary")
    phrase_entries: list[tuple[tuple[str, ...], int]] = []
    acronym_entries: list[tuple[tuple[str, ...], int]] = []
    for i, term in enumerate(terms):
        for form in term.phrases:
            for text in _expand(form):
                tokens = tuple(_WORD_RE.findall(text.lower()))
                if not tokens:
                    raise ValueError(f"{term.name}: empty phrase {form!r}")
                phrase_entries += [(v, i) for v in _variants(tokens)]
        for acronym in term.acronyms:
            tokens = tuple(_WORD_RE.findall(acronym))
            if acronym.islower() or not tokens:
                raise ValueError(f"{term.name}: acronym {acronym!r} needs a capital letter")
            acronym_entries += [(tokens, i), ((*tokens[:-1], tokens[-1] + "s"), i)]
        for name in term.broader:
            if name not in by_name:
                raise ValueError(f"{term.name}: unknown broader term {name!r}")

    def closure(i: int) -> tuple[int, ...]:
        seen: list[int] = []
        stack = [by_name[b] for b in terms[i].broader]
        while stack:
            j = stack.pop()
            if j not in seen and j != i:
                seen.append(j)
                stack += [by_name[b] for b in terms[j].broader]
        return tuple(seen)

    phrases, phrase_lengths = _table(phrase_entries)
    acronyms, acronym_lengths = _table(acronym_entries)
    broader = tuple(closure(i) for i in range(len(terms)))
    return _Index(terms, phrases, phrase_lengths, acronyms, acronym_lengths, broader, tuple(ids))


_INDEX = _build_index(_VOCABULARY)


def _surface(parts: list[str]) -> str:
    """The text of a match as the paper wrote it, with spacing collapsed and any bracket
    inside it dropped ("(KV) cache" matched from "KV) cache" reads "KV cache")."""
    return " ".join("".join(parts).translate(_NO_BRACKETS).split())


_NO_BRACKETS = str.maketrans("()[]", "    ")


def _scan(text: str, base: int, found: dict[int, tuple[int, str]], index: _Index) -> None:
    """Record in ``found`` (term -> (position, matched text)) every term ``text``
    mentions, keeping each term's earliest mention; ``base`` offsets positions so that a
    title's mentions come before its abstract's."""
    # split() with a capturing group alternates separator, token, separator, ...: the
    # tokens to match, and the exact original text of any run of them for free.
    parts = _TOKEN_RE.split(text)
    tokens = parts[1::2]
    lower = "\0".join(tokens).lower().split("\0")
    count = len(tokens)
    for words, table, lengths in (
        (lower, index.phrases, index.phrase_lengths),
        (tokens, index.acronyms, index.acronym_lengths),
    ):
        # Positions where a term can start, found at C speed; most tokens start none.
        for i in itertools.compress(range(count), map(lengths.__contains__, words)):
            pos = base + i
            for n in lengths[words[i]]:
                if n > count - i:  # a slice past the end would shorten into another key
                    continue
                for term in table.get(tuple(words[i : i + n]), ()):
                    seen = found.get(term)
                    if seen is None or seen[0] > pos:
                        found[term] = (pos, _surface(parts[2 * i + 1 : 2 * (i + n)]))


def extract_keywords(title: str, abstract: str | None) -> list[KeywordTopic]:
    """The vocabulary terms a paper's title or abstract mentions, plus the broader terms
    they imply; sorted by id, one per term, ``matched`` from the first mention (title
    before abstract).

    >>> [k.id for k in extract_keywords("Punica: Multi-Tenant LoRA Serving", None)]
    ['kw:fine-tuning', 'kw:lora', 'kw:model-serving', 'kw:multi-tenancy', \
'kw:parameter-efficient-fine-tuning']
    """
    index = _INDEX
    found: dict[int, tuple[int, str]] = {}
    if title:
        _scan(title, 0, found, index)
    if abstract:
        _scan(abstract, 1 << 40, found, index)
    matched = {term: text for term, (_, text) in sorted(found.items(), key=lambda kv: kv[1])}
    for term, text in list(matched.items()):
        for implied in index.broader[term]:
            matched.setdefault(implied, text)
    topics = [KeywordTopic(index.ids[t], index.terms[t].name, text) for t, text in matched.items()]
    return sorted(topics, key=lambda k: k.id)
