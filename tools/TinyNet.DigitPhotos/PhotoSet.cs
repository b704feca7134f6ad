using TinyNet.Host.Mnist;

namespace TinyNet.DigitPhotos;

/// <summary>One generated photo: its file bytes, its extension and the digit it shows.</summary>
/// <param name="Index">The MNIST test image it was drawn from.</param>
/// <param name="File">PNG or JPEG bytes.</param>
/// <param name="Extension">".png" or ".jpg".</param>
/// <param name="Label">The digit.</param>
public sealed record DigitPhoto(int Index, byte[] File, string Extension, byte Label);

/// <summary>
/// The photographed-style held-out set: the first <c>count</c> digits of an MNIST set, each drawn by
/// <see cref="PhotoStyle"/>, alternately PNG and JPEG. The same seed gives the same files.
/// </summary>
public static class PhotoSet
{
    public static IEnumerable<DigitPhoto> Generate(MnistSet digits, int count, int seed)
    {
        count = Math.Min(count, digits.Count);
        for (int n = 0; n < count; n++)
        {
            // One generator per photo, so photo n is the same whatever count is asked for.
            var random = new Random(unchecked(seed * 1_000_003 + n));
            using var photo = PhotoStyle.Render(digits.Pixels, n * MnistSet.PixelsPerImage, random);
            bool jpeg = n % 2 == 1;
            yield return new DigitPhoto(n, PhotoStyle.Encode(photo, jpeg, random), jpeg ? ".jpg" : ".png", digits.Labels[n]);
        }
    }
}
