#!/usr/bin/env python3
"""Train gensim's word2vec with FastSgns's settings; print the training seconds.

Usage: gensim_train.py CORPUS OUTPUT DIM WINDOW NEGATIVE SAMPLE MIN_COUNT EPOCHS THREADS ALPHA [SG [HS [INPUT [SEED]]]]
SG is 1 (skip-gram, the default) or 0 (CBOW, with gensim's default cbow_mean=1); HS is 0 (the default) or 1.
INPUT is file (the default: corpus_file, each worker reads its own part of the file and restarts the learning rate
at every epoch) or iterable (a LineSentence through gensim's job queue, the learning rate decayed over the whole run
as word2vec.c does). SEED is gensim's seed (default 1, gensim's own default): it sets the initial vectors and every
worker's generator, so runs with one seed differ only by the threads' interleaving.
With SYN1NEG=PATH in the environment the output matrix (syn1neg, negative sampling's) is saved there too, as .npy
(bench/experiments/cbow-matrix-stats.py reads it).
"""
import os
import sys
import time

from gensim.models import Word2Vec
from gensim.models.word2vec import LineSentence

corpus, output, dim, window, negative, sample, min_count, epochs, threads, alpha = sys.argv[1:11]
sg = int(sys.argv[11]) if len(sys.argv) > 11 else 1
hs = int(sys.argv[12]) if len(sys.argv) > 12 else 0
source = sys.argv[13] if len(sys.argv) > 13 else "file"
seed = int(sys.argv[14]) if len(sys.argv) > 14 else 1
if source not in ("file", "iterable"):
    sys.exit(f"gensim_train.py: INPUT must be file or iterable, not {source!r}")
model = Word2Vec(sg=sg, hs=hs, vector_size=int(dim), window=int(window), negative=int(negative), sample=float(sample),
                 min_count=int(min_count), workers=int(threads), alpha=float(alpha), min_alpha=float(alpha) * 1e-4, seed=seed)
model.build_vocab(corpus_file=corpus)
start = time.perf_counter()
if source == "file":
    model.train(corpus_file=corpus, total_words=model.corpus_total_words, total_examples=model.corpus_count,
                epochs=int(epochs))
else:
    model.train(LineSentence(corpus), total_words=model.corpus_total_words, total_examples=model.corpus_count,
                epochs=int(epochs))
seconds = time.perf_counter() - start
model.wv.save_word2vec_format(output, binary=True)
if os.environ.get("SYN1NEG"):
    import numpy
    numpy.save(os.environ["SYN1NEG"], model.syn1neg)
print(f"train_seconds {seconds:.3f} corpus_words {model.corpus_total_words}")
