using System.Runtime.InteropServices;
using System.Text;
using FastSgns.Corpus;
using FastSgns.Ids;
using FastSgns.Tests.Support;
using FastSgns.Vocabulary;

namespace FastSgns.Tests.Ids;

public sealed class EncodingTests
{
    [Fact]
    public void Encode_WritesIdsAndOneMarkerPerSentence_DroppingUnknownWords()
    {
        byte[] text = Encoding.UTF8.GetBytes("a b rare\n\n\nunseen\nb a a\n");
        Vocab vocab = Vocab.Build(VocabularyCounter.Count(text, out _), minCount: 2, maxVocab: 0);
        using var stream = new MemoryStream();

        long words = CorpusEncoder.Encode(text, vocab, stream);

        int[] ids = MemoryMarshal.Cast<byte, int>(stream.ToArray()).ToArray();
        int a = vocab.IndexOf("a"), b = vocab.IndexOf("b"), end = EncodedCorpus.SentenceEnd;
        Assert.Equal([a, b, end, b, a, a, end], ids);
        Assert.Equal(5, words);
    }

    [Fact]
    public void IdFile_MapsBackToTheSameIds_FromFilesOnDisk()
    {
        using var temp = new TempDirectory();
        string first = temp.Write("one.txt", "x y z\ny");
        string second = temp.Write("two.txt", "z z x");
        using CorpusFiles files = CorpusFiles.Open([first, second]);
        Vocab vocab = Vocab.Build(VocabularyCounter.Count(files, out long tokens), 1, 0);
        string idPath = temp.File("corpus.ids");
        long words;
        using (var stream = File.Create(idPath))
        {
            words = CorpusEncoder.Encode(files, vocab, stream);
        }

        using EncodedCorpus corpus = EncodedCorpus.Map(idPath, words);

        int x = vocab.IndexOf("x"), y = vocab.IndexOf("y"), z = vocab.IndexOf("z"), end = EncodedCorpus.SentenceEnd;
        // Each file's end closes its last sentence, so files never run into each other.
        Assert.Equal([x, y, z, end, y, end, z, z, x, end], corpus.Window(0, (int)corpus.Length).ToArray());
        Assert.Equal(7, tokens);
        Assert.Equal(7, corpus.WordCount);
    }

    [Fact]
    public void Tokenizer_ReadsOneHugeLine_WithoutSentenceBreaks()
    {
        var text = new StringBuilder();
        for (int i = 0; i < 200_000; i++)
        {
            text.Append("w").Append(i % 7).Append(' ');
        }

        byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());
        Vocab vocab = Vocab.Build(VocabularyCounter.Count(bytes, out long tokens), 1, 0);
        using var stream = new MemoryStream();
        CorpusEncoder.Encode(bytes, vocab, stream);

        int[] ids = MemoryMarshal.Cast<byte, int>(stream.ToArray()).ToArray();
        Assert.Equal(200_000, tokens);
        Assert.Equal(200_001, ids.Length);
        Assert.Equal(1, ids.Count(id => id == EncodedCorpus.SentenceEnd));
    }

    [Fact]
    public void IdFile_OfTornLength_IsRejected_NamingTheFile()
    {
        using var temp = new TempDirectory();
        string path = temp.File("torn.ids");
        File.WriteAllBytes(path, [1, 0, 0, 0, 2, 0]);

        var error = Assert.Throws<InvalidDataException>(() => EncodedCorpus.Map(path, 1));

        Assert.Contains(path, error.Message);
    }
}
