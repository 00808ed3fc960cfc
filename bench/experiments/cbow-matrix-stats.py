#!/usr/bin/env python3
"""Both matrices of a FastSgns CBOW model against gensim's, statistic by statistic: over the 30,000 most frequent
words the norm of the mean unit vector (a shared direction), the mean cosine of random pairs, the share of variance in
the top principal components, the mean norms per frequency band of the input and output rows, and the dots between
them (same word, random pairs). Two trainers doing the same updates agree here to about 1 %.

Usage: /usr/bin/python3 bench/experiments/cbow-matrix-stats.py MODEL.fsgns GENSIM.bin GENSIM_SYN1NEG.npy
  MODEL.fsgns from `fastsgns train … --save-model MODEL.fsgns`; GENSIM.bin and GENSIM_SYN1NEG.npy from
  `SYN1NEG=GENSIM_SYN1NEG.npy bench/peers/gensim_train.py CORPUS GENSIM.bin …`. The model file's layout is
  src/FastSgns.Core/Checkpoints/MODEL-FORMAT.md.
"""
import struct
import sys
import numpy as np

TOP = 30000


def read_model(path):
    """The input and output matrices of a full model file (sections: options, vocabulary, schedule, layout, input, output)."""
    data = open(path, 'rb').read()
    assert data[:8] == b'FSGNSMDL', f"{path}: not a FastSgns model file"
    at, sections = 12, []
    while data[at:at + 8] != b'FSGNSEND':
        length = struct.unpack_from('<q', data, at)[0]
        sections.append(data[at + 8:at + 8 + length])
        at += 8 + length + 8

    def matrix(payload):
        rows, dim = struct.unpack_from('<ii', payload, 0)
        return np.frombuffer(payload, dtype='<f4', offset=8, count=rows * dim).reshape(rows, dim)
    return matrix(sections[4]), matrix(sections[5])


def read_vectors(path):
    """word2vec binary vectors, in file order."""
    with open(path, 'rb') as f:
        rows, dim = map(int, f.readline().split())
        data = f.read()
    vectors, at = np.empty((rows, dim), np.float32), 0
    for r in range(rows):
        at = data.index(b' ', at) + 1
        vectors[r] = np.frombuffer(data, dtype='<f4', offset=at, count=dim)
        at += 4 * dim
        if data[at:at + 1] == b'\n':
            at += 1
    return vectors


def report(name, inputs, outputs):
    top = min(TOP, len(inputs))
    units = inputs[:top] / np.linalg.norm(inputs[:top], axis=1)[:, None]
    out_units = outputs[:top] / np.maximum(np.linalg.norm(outputs[:top], axis=1), 1e-9)[:, None]
    rng = np.random.default_rng(0)
    i, j = rng.integers(0, top, 20000), rng.integers(0, top, 20000)
    cosines = np.sum(units[i] * units[j], 1)
    variance = np.linalg.svd(units[:10000] - units.mean(0), compute_uv=False) ** 2
    print(f"{name}: |mean unit| input {np.linalg.norm(units.mean(0)):.4f} output {np.linalg.norm(out_units.mean(0)):.4f}; "
          f"random-pair cosine {cosines.mean():.4f} (sd {cosines.std():.4f}); top-5 PC share {variance[:5].sum() / variance.sum():.4f}")
    for a, b in [(0, 100), (100, 1000), (1000, 5000), (5000, 15000), (15000, 30000), (30000, len(inputs))]:
        if a >= len(inputs):
            break
        print(f"  ranks {a}-{b}: input norm {np.linalg.norm(inputs[a:b], axis=1).mean():.3f}, "
              f"output norm {np.linalg.norm(outputs[a:b], axis=1).mean():.3f}")
    print(f"  input·output: same word {np.mean(np.sum(inputs[:top] * outputs[:top], 1)):.3f}, "
          f"random pairs {np.mean(np.sum(inputs[i] * outputs[j], 1)):.3f}")


report("FastSgns", *read_model(sys.argv[1]))
report("gensim", read_vectors(sys.argv[2]), np.load(sys.argv[3]))
