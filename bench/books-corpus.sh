#!/usr/bin/env bash
# Assembles the book corpus: public-domain Project Gutenberg books, one book per line (lines of tens of thousands of
# words, where wiki40m's documents are hundreds), normalized like wiki40m (/work/shared/corpus/SOURCES.md): lowercase,
# every run of characters outside a-z one space, books under 10 words dropped.
#
# The books come from the GitHub repository rcdm-uga/Gutenberg_Text (English books of the top-100 Gutenberg authors,
# pulled with the c-w/gutenberg library), which the session's `fetch` tool brings as a bare git directory; this
# script reads it with git and writes nothing into this repository. For each .txt file of the commit (distinct
# contents only, taken in the order of their git object ids, a fixed pseudo-random order across authors), the text
# between Gutenberg's "*** START OF ..." and "*** END OF ..." lines is kept (the licence and header dropped); a
# file without both lines is skipped, and so is a file the snapshot lacks (4 MiB and more). Whole books are added until WORDS words are reached.
#   usage: bench/books-corpus.sh GIT_DIR OUTPUT [WORDS=24000000] [COMMIT=a0b16d3…]
#   e.g.   bench/books-corpus.sh /work/.mirror/rcdm-uga+Gutenberg_Text/repo /work/bench-data/books.txt
# The output is written to OUTPUT.tmp and renamed into place; the script prints books, words, the longest line and
# the output's sha256 (24000000 at commit a0b16d3: see bench/results/books-corpus-2026-11-28.md).
set -euo pipefail
git_dir=${1:?usage: bench/books-corpus.sh GIT_DIR OUTPUT [WORDS] [COMMIT]}
output=${2:?usage: bench/books-corpus.sh GIT_DIR OUTPUT [WORDS] [COMMIT]}
words=${3:-24000000}
commit=${4:-a0b16d35a9851168ce9ac649851c17b7ab08d48e}
if ! git --git-dir="$git_dir" cat-file -e "$commit^{commit}" 2>/dev/null; then
  echo "books-corpus: commit $commit is not in $git_dir" >&2
  exit 1
fi

python3 - "$git_dir" "$output" "$words" "$commit" <<'EOF'
import hashlib, os, re, subprocess, sys

git_dir, output, target, commit = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
listing = subprocess.run(["git", "--git-dir", git_dir, "ls-tree", "-r", "-z", commit],
                         check=True, capture_output=True).stdout.split(b"\0")
blobs = sorted({line.split(b"\t", 1)[0].split()[2].decode()
                for line in listing if line.endswith(b".txt") and line.split()[1] == b"blob"})

start = re.compile(rb"^\*\*\* ?START OF TH(IS|E) PROJECT GUTENBERG[^\n]*\n", re.M | re.I)
end = re.compile(rb"^\*\*\* ?END OF TH(IS|E) PROJECT GUTENBERG", re.M | re.I)
# Lowercase ASCII letters, everything else (digits, punctuation, bytes of UTF-8 characters) a space; then runs of
# spaces become one. Lowercasing a non-ASCII letter never gives a-z, so bytes are as good as characters here.
table = bytes(c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 else 32 for c in range(256))
spaces = re.compile(rb" +")

cat = subprocess.Popen(["git", "--git-dir", git_dir, "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
books = total = skipped = missing = longest = 0
digest = hashlib.sha256()
temporary = output + ".tmp"
with open(temporary, "wb") as out:
    for blob in blobs:
        if total >= target:
            break
        cat.stdin.write(blob.encode() + b"\n")
        cat.stdin.flush()
        header = cat.stdout.readline().split()
        if header[1] == b"missing":
            # The fetched snapshot leaves out files of 4 MiB and more (collected works, mostly).
            missing += 1
            continue
        text = cat.stdout.read(int(header[2]))
        cat.stdout.read(1)
        first, last = start.search(text), end.search(text)
        if first is None or last is None or last.start() <= first.end():
            skipped += 1
            continue
        line = spaces.sub(b" ", text[first.end():last.start()].translate(table)).strip()
        count = line.count(b" ") + 1 if line else 0
        if count < 10:
            skipped += 1
            continue
        out.write(line + b"\n")
        digest.update(line + b"\n")
        books, total, longest = books + 1, total + count, max(longest, count)
cat.stdin.close()
cat.wait()
os.replace(temporary, output)
print(f"{output}: {books} books, {total:,} words, longest line {longest:,} words, {skipped} of the files read skipped, {missing} absent "
      f"({len(blobs)} distinct .txt files in the commit); sha256 {digest.hexdigest()}")
EOF
