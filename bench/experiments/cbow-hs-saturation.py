# Fraction of CBOW HS inner-node dots outside (-6, 6) (the nodes word2vec.c skips and FastSgns updates with gradient 0)
# for a trained model, over a sample of text: /usr/bin/python3 cbow-hs-saturation.py MODEL.fsgns TEXT
# MODEL from fastsgns train … --model cbow --hs --negative 0 --save-model MODEL (window 5, sample 1e-4 assumed).
import sys, struct, numpy as np, heapq
f = open(sys.argv[1], 'rb'); data = f.read(); pos = 12
def section():
    global pos
    n = struct.unpack_from('<q', data, pos)[0]; p = data[pos+8:pos+8+n]; pos += 8 + n + 8; return p
def varint(b, i):
    r = s = 0
    while True:
        c = b[i]; i += 1; r |= (c & 0x7f) << s; s += 7
        if c < 128: return r, i
opts = section(); voc = section(); sched = section(); layout = section(); inp = section(); out = section(); tree = section()
words = struct.unpack_from('<i', voc, 0)[0]; i = 4; vocab = {}; counts = np.empty(words, np.int64)
for w in range(words):
    n, i = varint(voc, i); vocab[voc[i:i+n].decode()] = w; i += n; counts[w] = struct.unpack_from('<q', voc, i)[0]; i += 8
def mat(p):
    r, d = struct.unpack_from('<ii', p, 0); return np.frombuffer(p, np.float32, r * d, 8).reshape(r, d)
syn0 = mat(inp); syn1 = mat(tree)
# Huffman, two queues, ties to the inner node (leaves ascending = ids descending, counts sorted descending)
weight = list(counts[::-1]) + [0] * (words - 1); parent = [0] * (2 * words - 1); bit = [0] * (2 * words - 1)
leaf, inner = 0, words
for made in range(words, 2 * words - 1):
    pick = []
    for _ in range(2):
        if leaf < words and (inner >= made or weight[leaf] < weight[inner]): pick.append(leaf); leaf += 1
        else: pick.append(inner); inner += 1
    weight[made] = weight[pick[0]] + weight[pick[1]]; parent[pick[0]] = parent[pick[1]] = made; bit[pick[1]] = 1
paths = {}
def path(w):
    if w in paths: return paths[w]
    n = words - 1 - w; pts = []; cds = []
    while n != 2 * words - 2: pts.append(parent[n] - words); cds.append(bit[n]); n = parent[n]
    paths[w] = (pts[::-1], cds[::-1]); return paths[w]
total = counts.sum(); t = 1e-4 * total; rng = np.random.default_rng(1)
keep = np.minimum(1, (np.sqrt(counts / t) + 1) * t / counts)
sat = tot = examples = 0; depth_sat = np.zeros(64); depth_tot = np.zeros(64); lines = 0
for line in open(sys.argv[2]):
    ids = [vocab[x] for x in line.split() if x in vocab]
    ids = [x for x in ids if rng.random() < keep[x]]
    for c in range(len(ids)):
        b = rng.integers(5); ctx = [ids[j] for j in range(max(0, c - 5 + b), min(len(ids), c + 6 - b)) if j != c]
        if not ctx: continue
        examples += 1; h = syn0[ctx].mean(0); pts, cds = path(ids[c]); d = syn1[pts] @ h
        s = np.abs(d) >= 6; sat += s.sum(); tot += len(d)
        for k in range(len(d)): depth_tot[k] += 1; depth_sat[k] += s[k]
    lines += 1
    if tot > 300000: break
print(f"{sat}/{tot} = {100*sat/tot:.1f}% of inner-node dots outside (-6, 6); {examples} examples, mean path {tot / examples:.1f} nodes")
print("by depth:", " ".join(f"{k}:{100*depth_sat[k]/depth_tot[k]:.0f}%" for k in range(25) if depth_tot[k] > 0))
