namespace TinyNet.Host.Images;

/// <summary>Connected groups of ink pixels (8-neighbourhood), so specks can be told from strokes.</summary>
internal static class InkBlobs
{
    /// <summary>
    /// The blob number of every pixel (-1 for no ink) and, in <paramref name="sizes"/>, each blob's
    /// pixel count. Iterative flood fill: a stroke across a large photo must not overflow the stack.
    /// </summary>
    public static int[] Label(bool[] mask, int width, int height, out int[] sizes)
    {
        var label = new int[mask.Length];
        Array.Fill(label, -1);
        var blobSizes = new List<int>();
        var pending = new Stack<int>();
        for (int start = 0; start < mask.Length; start++)
        {
            if (!mask[start] || label[start] >= 0) continue;
            int id = blobSizes.Count, size = 0;
            label[start] = id;
            pending.Push(start);
            while (pending.Count > 0)
            {
                int i = pending.Pop();
                size++;
                int x = i % width, y = i / width;
                for (int dy = -1; dy <= 1; dy++)
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        int xx = x + dx, yy = y + dy;
                        if (xx < 0 || yy < 0 || xx >= width || yy >= height) continue;
                        int j = yy * width + xx;
                        if (!mask[j] || label[j] >= 0) continue;
                        label[j] = id;
                        pending.Push(j);
                    }
            }
            blobSizes.Add(size);
        }
        sizes = [.. blobSizes];
        return label;
    }
}
