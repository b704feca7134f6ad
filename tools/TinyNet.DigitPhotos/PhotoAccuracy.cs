using TinyNet.Host;
using TinyNet.Host.Images;
using TinyNet.Host.Evaluation;
using TinyNet.Host.Mnist;
using TinyNet.Models;

namespace TinyNet.DigitPhotos;

/// <summary>A model's accuracy on the same digits twice: as MNIST has them, and photographed then prepared.</summary>
/// <param name="Count">Digits measured.</param>
/// <param name="MnistCorrect">Correct on the plain MNIST images.</param>
/// <param name="RepreparedCorrect">Correct on the MNIST images put through the preparation themselves (it should change little).</param>
/// <param name="PngCorrect">Correct among the PNG photos.</param>
/// <param name="PngCount">PNG photos.</param>
/// <param name="JpegCorrect">Correct among the JPEG photos.</param>
/// <param name="JpegCount">JPEG photos.</param>
/// <param name="NoDigitFound">Photos the preparation found no digit in (counted as wrong).</param>
public sealed record PhotoAccuracy(int Count, int MnistCorrect, int RepreparedCorrect, int PngCorrect, int PngCount, int JpegCorrect, int JpegCount, int NoDigitFound)
{
    /// <summary>Fraction of the plain MNIST images classified correctly.</summary>
    public double Mnist => (double)MnistCorrect / Count;

    /// <summary>Fraction of the photos classified correctly.</summary>
    public double Photos => (double)(PngCorrect + JpegCorrect) / Count;

    /// <summary>
    /// Runs <paramref name="model"/> on the first <paramref name="count"/> digits of <paramref name="test"/>,
    /// and on their photos (seed <paramref name="seed"/>) decoded by <see cref="ImageFile"/> and
    /// prepared by <see cref="DigitPreparation"/>, exactly as <c>tinynet predict --image</c> does.
    /// </summary>
    public static PhotoAccuracy Measure(Model model, MnistSet test, int count, int seed)
    {
        MnistSet plain = test.Take(count);
        int mnistCorrect = MnistEvaluator.Evaluate(model, plain).Correct;
        var reprepared = new SetBuilder();
        for (int n = 0; n < plain.Count; n++)
        {
            var image = new GrayImage(MnistSet.Side, MnistSet.Side, plain.Pixels.AsSpan(n * MnistSet.PixelsPerImage, MnistSet.PixelsPerImage).ToArray(), "MNIST");
            reprepared.Add(DigitPreparation.Prepare(image, $"MNIST test image {n}").Pixels, plain.Labels[n]);
        }
        var png = new SetBuilder();
        var jpeg = new SetBuilder();
        int noDigit = 0;
        foreach (DigitPhoto photo in PhotoSet.Generate(test, count, seed))
        {
            string name = $"photo {photo.Index}{photo.Extension}";
            try
            {
                PreparedDigit digit = DigitPreparation.Prepare(ImageFile.Decode(photo.File, name), name);
                (photo.Extension == ".png" ? png : jpeg).Add(digit.Pixels, photo.Label);
            }
            catch (UserError e) when (e.Message.StartsWith("no digit found", StringComparison.Ordinal))
            {
                noDigit++;
            }
        }
        return new PhotoAccuracy(plain.Count, mnistCorrect, reprepared.Correct(model), png.Correct(model), png.Count, jpeg.Correct(model), jpeg.Count, noDigit);
    }

    private sealed class SetBuilder
    {
        private readonly List<byte> _pixels = [];
        private readonly List<byte> _labels = [];

        public int Count => _labels.Count;

        public void Add(byte[] pixels, byte label)
        {
            _pixels.AddRange(pixels);
            _labels.Add(label);
        }

        public int Correct(Model model) => Count == 0 ? 0 : MnistEvaluator.Evaluate(model, new MnistSet([.. _pixels], [.. _labels])).Correct;
    }
}
