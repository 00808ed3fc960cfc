using System.Text;
using FastSgns.Evaluation;
using FastSgns.Randomness;

namespace FastSgns.Synthetic;

/// <summary>
/// A generated corpus with planted analogies, for the embedded default job and learning tests. Each family (country →
/// capital, singular → plural, male → female) has entities in two roles; a sentence about entity i in role r mixes
/// the word for (i, r) with context words of the entity (shared by both roles) and of the role (shared by all
/// entities), plus Zipfian filler. A model that learns word ≈ entity + role solves b − a + c = d; chance is 1/|V|.
/// </summary>
internal sealed class SyntheticCorpus
{
    private static readonly (string Section, string First, string Second)[] s_families =
    [
        ("capital-of", "country", "capital"),
        ("plural", "thing", "things"),
        ("gender", "king", "queen"),
    ];

    private const int EntityContextWords = 4;
    private const int RoleContextWords = 6;
    private const int FillerWords = 400;
    private const int SentenceLength = 10;

    public byte[] Text { get; }
    public IReadOnlyList<AnalogyQuestion> Analogies { get; }
    public long Tokens { get; }

    private SyntheticCorpus(byte[] text, IReadOnlyList<AnalogyQuestion> analogies, long tokens)
    {
        Text = text;
        Analogies = analogies;
        Tokens = tokens;
    }

    public static SyntheticCorpus Generate(int sentences = 60_000, int entitiesPerFamily = 25, ulong seed = 7)
    {
        var random = new Lcg(seed);
        var text = new StringBuilder(sentences * SentenceLength * 9);
        double[] fillerCdf = ZipfCdf(FillerWords);
        long tokens = 0;
        for (int s = 0; s < sentences; s++)
        {
            int family = random.NextBelow(s_families.Length);
            int entity = random.NextBelow(entitiesPerFamily);
            int role = random.NextBelow(2);
            int anchor = 2 + random.NextBelow(SentenceLength - 4);
            for (int position = 0; position < SentenceLength; position++)
            {
                if (position > 0)
                {
                    text.Append(' ');
                }

                uint pick = random.NextHigh() % 100;
                if (position == anchor)
                {
                    text.Append(Word(family, entity, role));
                }
                else if (pick < 35)
                {
                    text.Append("e").Append(family).Append('x').Append(entity).Append('c').Append(random.NextBelow(EntityContextWords));
                }
                else if (pick < 70)
                {
                    text.Append("r").Append(family).Append('x').Append(role).Append('c').Append(random.NextBelow(RoleContextWords));
                }
                else
                {
                    text.Append('w').Append(SampleCdf(fillerCdf, random.NextHigh() / 4294967296.0));
                }

                tokens++;
            }

            text.Append('\n');
        }

        return new SyntheticCorpus(Encoding.UTF8.GetBytes(text.ToString()), Questions(entitiesPerFamily), tokens);
    }

    private static string Word(int family, int entity, int role) =>
        $"{(role == 0 ? s_families[family].First : s_families[family].Second)}{entity:D2}";

    private static List<AnalogyQuestion> Questions(int entities)
    {
        var questions = new List<AnalogyQuestion>();
        for (int f = 0; f < s_families.Length; f++)
        {
            for (int i = 0; i < entities; i++)
            {
                for (int j = 0; j < entities; j++)
                {
                    if (i != j)
                    {
                        questions.Add(new AnalogyQuestion(s_families[f].Section,
                            Word(f, i, 0), Word(f, i, 1), Word(f, j, 0), Word(f, j, 1)));
                    }
                }
            }
        }

        return questions;
    }

    private static double[] ZipfCdf(int n)
    {
        var cdf = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            total += 1.0 / (i + 1);
            cdf[i] = total;
        }

        for (int i = 0; i < n; i++)
        {
            cdf[i] /= total;
        }

        return cdf;
    }

    private static int SampleCdf(double[] cdf, double u)
    {
        int index = Array.BinarySearch(cdf, u);
        return Math.Min(index >= 0 ? index : ~index, cdf.Length - 1);
    }
}
