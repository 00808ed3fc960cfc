#!/usr/bin/env python3
"""A trained model's fingerprint: the mean vector norm per frequency band (ranks 0-10, 10-100, 100-1k, 1k-5k, 5k-30k,
30k-60k of the file's order) and the norm of the mean unit vector of the top 30,000 words (anisotropy). Two runs of one
trainer and settings agree to about 1 % whatever the seed or the threads' interleaving, so trainers (or schedules)
that do the same updates have the same fingerprint, while their analogy scores differ by a point from seed to seed
(cbow-quality-2026-11-29-eve.md). Needs numpy (/usr/bin/python3 has it).

Usage: /usr/bin/python3 bench/experiments/cbow-norm-fingerprint.py VECTORS.bin [VECTORS.bin ...]  (word2vec binary)
"""
import sys, numpy as np
def read(p):
    f=open(p,'rb'); n,d=map(int,f.readline().split()); words=[]; M=np.empty((n,d),np.float32)
    for i in range(n):
        w=b''
        while True:
            c=f.read(1)
            if c==b' ': break
            if c!=b'\n': w+=c
        words.append(w); M[i]=np.frombuffer(f.read(4*d),np.float32)
    return words,M
bands=[(0,10),(10,100),(100,1000),(1000,5000),(5000,30000),(30000,60000)]
for p in sys.argv[1:]:
    w,M=read(p); nrm=np.linalg.norm(M,axis=1)
    mean=M[:30000].mean(0); 
    Mn=M/nrm[:,None]
    cm=np.linalg.norm(Mn[:30000].mean(0))
    print(p.split('/')[-1][:22].ljust(22), ' '.join('%6.2f'%nrm[a:b].mean() for a,b in bands), ' |mean unit|=%.3f'%cm)
