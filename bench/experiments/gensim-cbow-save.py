#!/usr/bin/env python3
"""gensim corpus_file CBOW with negatives as bench/family.sh cbow-seeds runs it (sg=0, dim 100, window 5, negative 5,
sample 1e-4, min-count 5, alpha 0.05 down to alpha/10^4, 2 workers, 5 epochs), keeping what cbow-matrix-stats.py
compares: the word vectors (OUT.bin, word2vec binary), the output matrix (OUT.syn1neg.npy) and the counts.

Usage: OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/experiments/gensim-cbow-save.py CORPUS OUT SEED
"""
import sys
import numpy as np
from gensim.models import Word2Vec

corpus, out, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
m = Word2Vec(sg=0, hs=0, vector_size=100, window=5, negative=5, sample=1e-4, min_count=5, workers=2, alpha=0.05,
             min_alpha=0.05e-4, seed=seed)
m.build_vocab(corpus_file=corpus)
m.train(corpus_file=corpus, total_words=m.corpus_total_words, total_examples=m.corpus_count, epochs=5)
m.wv.save_word2vec_format(out + ".bin", binary=True)
np.save(out + ".syn1neg.npy", m.syn1neg)
