#!/usr/bin/env python3
"""Train gensim's word2vec with FastSgns's settings; print the training seconds.

Usage: gensim_train.py CORPUS OUTPUT DIM WINDOW NEGATIVE SAMPLE MIN_COUNT EPOCHS THREADS ALPHA [SG [HS]]
SG is 1 (skip-gram, the default) or 0 (CBOW, with gensim's default cbow_mean=1); HS is 0 (the default) or 1.
"""
import sys
import time

from gensim.models import Word2Vec

corpus, output, dim, window, negative, sample, min_count, epochs, threads, alpha = sys.argv[1:11]
sg = int(sys.argv[11]) if len(sys.argv) > 11 else 1
hs = int(sys.argv[12]) if len(sys.argv) > 12 else 0
model = Word2Vec(sg=sg, hs=hs, vector_size=int(dim), window=int(window), negative=int(negative), sample=float(sample),
                 min_count=int(min_count), workers=int(threads), alpha=float(alpha), min_alpha=float(alpha) * 1e-4)
model.build_vocab(corpus_file=corpus)
start = time.perf_counter()
model.train(corpus_file=corpus, total_words=model.corpus_total_words, total_examples=model.corpus_count,
            epochs=int(epochs))
seconds = time.perf_counter() - start
model.wv.save_word2vec_format(output, binary=True)
print(f"train_seconds {seconds:.3f} corpus_words {model.corpus_total_words}")
