using CsCheck;
using TinyNet.Activations;
using TinyNet.Fuzz.Hostile;
using TinyNet.Losses;

namespace TinyNet.Tests.Engine;

/// <summary>
/// Activations and losses are registered once, in their catalogs; everything else finds them there.
/// </summary>
public class CatalogTests
{
    private static IEnumerable<Activation> Activations() => Enumerable.Range(0, ActivationCatalog.Count).Select(ActivationCatalog.At);
    private static IEnumerable<Loss> Losses() => Enumerable.Range(0, LossCatalog.Count).Select(LossCatalog.At);

    [Fact]
    public void Every_registered_activation_round_trips_code_and_name()
    {
        foreach (Activation a in Activations())
        {
            Assert.Same(a, ActivationCatalog.FromCode(a.Code));
            Assert.Same(a, ActivationCatalog.FromName(a.Name));
            Assert.Same(a, Activation.FromCode(a.Code));
            Assert.Same(a, Activation.FromName(a.Name));
            Assert.InRange(a.Code, 0, 255);   // a model file stores the code in one byte
        }
        Assert.Equal(ActivationCatalog.Count, Activations().Select(a => a.Code).Distinct().Count());
        Assert.Equal(ActivationCatalog.Count, Activations().Select(a => a.Name).Distinct().Count());
    }

    [Fact]
    public void The_activations_of_the_file_format_are_registered_under_their_codes()
    {
        Assert.Equal("identity", ActivationCatalog.FromCode(Activation.IdentityCode).Name);
        Assert.Equal("tanh", ActivationCatalog.FromCode(Activation.TanhCode).Name);
        Assert.Equal("sigmoid", ActivationCatalog.FromCode(Activation.SigmoidCode).Name);
        Assert.Equal("softmax", ActivationCatalog.FromCode(Activation.SoftmaxCode).Name);
        Assert.Equal("relu", ActivationCatalog.FromCode(Activation.ReluCode).Name);
    }

    [Fact]
    public void Unknown_codes_and_names_give_null()
    {
        for (int code = 0; code < 256; code++)
            if (!Activations().Any(a => a.Code == code)) Assert.Null(ActivationCatalog.FromCode(code));
        Assert.Null(ActivationCatalog.FromCode(-1));
        Assert.Null(ActivationCatalog.FromName("swish"));
        Assert.Null(ActivationCatalog.FromName(""));
        Assert.Null(LossCatalog.FromName("hinge"));
    }

    [Fact]
    public void Every_registered_loss_round_trips_its_name()
    {
        string[] lecture = ["squared", "half-squared", "mse", "cross-entropy", "logistic"];
        Assert.All(lecture, name => Assert.NotNull(LossCatalog.FromName(name)));
        foreach (Loss loss in Losses())
        {
            Assert.Same(loss, LossCatalog.FromName(loss.Name));
            Assert.Same(loss, Loss.FromName(loss.Name));
        }
        Assert.Equal(LossCatalog.Count, Losses().Select(l => l.Name).Distinct().Count());
    }

    [Fact]
    public void The_fuzz_model_generator_uses_every_registered_activation()
    {
        var seen = new HashSet<int>();
        ModelGen.ActivationCode.Sample(code =>
        {
            Assert.NotNull(ActivationCatalog.FromCode(code));
            lock (seen) seen.Add(code);
        }, iter: 2000);
        Assert.Equal(Activations().Select(a => a.Code).OrderBy(c => c), seen.OrderBy(c => c));
    }

    [Fact]
    public void The_fuzz_damage_plants_only_unregistered_activation_codes()
    {
        var seen = new HashSet<int>();
        ModelGen.UnknownActivationCode.Sample(code =>
        {
            Assert.InRange(code, 0, 255);
            Assert.Null(ActivationCatalog.FromCode(code));
            lock (seen) seen.Add(code);
        }, iter: 5000);
        // Spread over the byte, not stuck on one value.
        Assert.Contains(seen, c => c > Activations().Max(a => a.Code));
        Assert.True(seen.Count > 100);
    }
}
