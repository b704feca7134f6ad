using TinyNet.Bytes;
using TinyNet.Checksums;
using TinyNet.Layers;

namespace TinyNet.Models
{
    /// <summary>
    /// Reads a .tnn model file fed in pieces (a whole buffer, or the chunks of an upload as they
    /// arrive) and either validates it or loads it, with one code path for both.
    /// </summary>
    /// <remarks>
    /// The file's total length is known up front. As soon as the header is in, every declared size
    /// is checked against that length and the format's caps, in 64-bit arithmetic, before anything
    /// is allocated: a 20-byte file claiming gigabytes of weights allocates nothing. Malformed input
    /// never throws: the first problem becomes <see cref="Error"/> and the reader stops.
    /// A model is handed out only after the whole file arrived and its CRC matched, so nothing is
    /// ever half-loaded. When the CRC does not match, that is the error reported even if a value
    /// (a NaN, a zero scale) looked wrong earlier, since corruption explains both.
    /// The class names (when the header's flags announce them) are the last section before the CRC: a
    /// count u16 and per class a length byte and its ASCII bytes. Their length is bounded by the bytes
    /// left before the checksum, checked as they arrive; the names themselves are judged by
    /// <see cref="ModelRules.CheckClassNames"/>, like any other value, after the CRC.
    /// </remarks>
    public sealed class ModelReader
    {
        private const int SectionWeights = 0;
        private const int SectionScales = 1;
        private const int SectionBiases = 2;

        // Class-names section: which part of it the next byte belongs to.
        private const int NamesCountLow = 0;
        private const int NamesCountHigh = 1;
        private const int NamesLength = 2;
        private const int NamesText = 3;
        private const int NamesDone = 4;
        private const int NamesStopped = 5;

        private readonly int _total;
        private readonly int _contentLength;
        private readonly bool _load;
        private readonly int _mode;

        private int _position;
        private uint _crc;
        private readonly byte[] _trailer;
        private string _error;
        private string _valueError;
        private bool _finished;
        private Model _model;

        // Header: collected into a small buffer, parsed stage by stage as bytes arrive.
        private readonly byte[] _header;
        private int _headerFill;
        private int _headerNeed;
        private int _headerStage;
        private bool _headerDone;
        private int _nameLength;
        private string _name;
        private int _layerCount;
        private int[] _inputs;
        private int[] _neurons;
        private int[] _activationCodes;
        private int[] _weightTypes;
        private bool[] _hasBias;
        private ModelLayer[] _layers;

        // Payload: which layer, which section of it, which element, which byte of that element.
        private int _layer;
        private int _section;
        private int _element;
        private int _elementCount;
        private int _byteInElement;
        private readonly byte[] _scratch;

        // Class names: announced by the flags, read after the last layer's payload.
        private bool _hasNames;
        private int _namesStage;
        private int _classCount;
        private int _classIndex;
        private int _classNameLength;
        private int _classNameFill;
        private char[] _classNameChars;
        private string[] _classNames;

        /// <summary>
        /// Starts reading a file of <paramref name="totalLength"/> bytes. With <paramref name="load"/>
        /// false the reader only validates (allocates no parameter arrays); with true it builds the model.
        /// </summary>
        public ModelReader(int totalLength, bool load)
            : this(totalLength, load ? LoadMode.Full : LoadMode.Validate)
        {
        }

        /// <summary>
        /// Starts reading a file of <paramref name="totalLength"/> bytes, keeping what <paramref name="loadMode"/>
        /// (a <see cref="LoadMode"/>) says: every mode but Validate builds a model, with the arrays that mode keeps.
        /// </summary>
        public ModelReader(int totalLength, int loadMode)
        {
            _total = totalLength < 0 ? 0 : totalLength;
            _contentLength = _total - ModelFormat.CrcBytes;
            _mode = loadMode;
            _load = loadMode != LoadMode.Validate;
            _crc = Crc32.Start;
            _trailer = new byte[ModelFormat.CrcBytes];
            _header = new byte[ModelFormat.MaxHeaderBytes];
            _headerNeed = 4;
            _scratch = new byte[4];
        }

        /// <summary>The first problem found, or null while the file looks good.</summary>
        public string Error { get { return _error; } }

        /// <summary>The loaded model after a successful <see cref="Finish"/> in load mode; null otherwise.</summary>
        public Model Model { get { return _model; } }

        /// <summary>
        /// The file's CRC-32 (of everything before its trailer) after a successful <see cref="Finish"/>;
        /// 0 otherwise. The figure INFO reports as the model's CRC.
        /// </summary>
        public uint Crc { get { return _finished && _error == null ? Crc32.Finish(_crc) : 0u; } }

        /// <summary>
        /// Feeds the next <paramref name="count"/> bytes of the file. Returns false once an error is
        /// known (further bytes are ignored); the caller may stop sending.
        /// </summary>
        public bool Feed(byte[] data, int offset, int count)
        {
            if (_error != null || _finished)
            {
                return _error == null;
            }
            if (data == null || offset < 0 || count < 0 || offset > data.Length - count)
            {
                _error = "internal error: bad buffer range given to the model reader";
                return false;
            }
            if (count > _total - _position)
            {
                _error = "the model file is longer than the " + _total.ToString() + " bytes announced";
                return false;
            }

            // The CRC covers everything before the trailer; update it in one pass over that part.
            int contentCount = _contentLength - _position;
            if (contentCount > count)
            {
                contentCount = count;
            }
            if (contentCount > 0)
            {
                _crc = Crc32.Update(_crc, data, offset, contentCount);
            }

            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                byte b = data[i];
                int p = _position;
                _position = p + 1;
                if (p >= _contentLength && p >= 0)
                {
                    _trailer[p - _contentLength] = b;
                }
                if (!_headerDone)
                {
                    // Header bytes are collected even past the content (a tiny file still gets a magic check).
                    if (_headerFill < _header.Length)
                    {
                        _header[_headerFill++] = b;
                    }
                    if (_headerFill == _headerNeed && !ParseHeaderStage())
                    {
                        return false;
                    }
                }
                else if (p < _contentLength)
                {
                    if (_layer < _layerCount)
                    {
                        PayloadByte(b);
                    }
                    else
                    {
                        ClassNameByte(b, _contentLength - p - 1);
                    }
                }
            }
            return true;
        }

        /// <summary>
        /// Call after the last byte: checks completeness and the CRC, then (load mode) builds the model.
        /// Returns the error, or null when the file is good.
        /// </summary>
        public string Finish()
        {
            if (_finished)
            {
                return _error;
            }
            _finished = true;
            if (_error != null)
            {
                return _error;
            }
            if (_position < _total)
            {
                _error = "the model file is truncated: expected " + _total.ToString() + " bytes but got " + _position.ToString();
                return _error;
            }
            if (!_headerDone)
            {
                _error = "the file is too short (" + _total.ToString() + " bytes) to be a TinyNet model";
                return _error;
            }
            uint stored = LittleEndian.U32(_trailer, 0);
            if (stored != Crc32.Finish(_crc))
            {
                _error = "CRC mismatch: the file is corrupt";
                return _error;
            }
            if (_valueError != null)
            {
                _error = _valueError;
                return _error;
            }
            if (_hasNames)
            {
                string namesProblem = _namesStage != NamesDone ? "the class-names section is cut short: the checksum comes after "
                    + _classIndex.ToString() + " of its " + _classCount.ToString() + " names"
                    : ModelRules.CheckClassNames(_classNames, _neurons[_layerCount - 1]);
                if (namesProblem != null)
                {
                    _error = namesProblem;
                    return _error;
                }
            }
            if (_load)
            {
                _model = new Model(_name, _layers, _classNames);
            }
            return null;
        }

        // Parses the header part that just became complete; false when it is wrong.
        private bool ParseHeaderStage()
        {
            switch (_headerStage)
            {
                case 0:
                    if (_header[0] != ModelFormat.Magic0 || _header[1] != ModelFormat.Magic1
                        || _header[2] != ModelFormat.Magic2 || _header[3] != ModelFormat.Magic3)
                    {
                        return Fail("bad magic: not a TinyNet model");
                    }
                    return NextStage(6);
                case 1:
                    int version = LittleEndian.U16(_header, 4);
                    if (version != ModelFormat.Version)
                    {
                        return Fail("unsupported format version " + version.ToString() + " (this build reads version "
                            + ModelFormat.Version.ToString() + ")");
                    }
                    return NextStage(8);
                case 2:
                    int flags = LittleEndian.U16(_header, 6);
                    if ((flags & ~ModelFormat.FlagClassNames) != 0)
                    {
                        return Fail("unsupported flags 0x" + flags.ToString("X4") + " (this build knows only 0x"
                            + ModelFormat.FlagClassNames.ToString("X4") + ", class names): the file was written by a newer TinyNet");
                    }
                    _hasNames = flags == ModelFormat.FlagClassNames;
                    return NextStage(ModelFormat.FixedHeaderBytes);
                case 3:
                    _nameLength = _header[8];
                    if (_nameLength > ModelFormat.MaxNameLength)
                    {
                        return Fail("the model name is " + _nameLength.ToString() + " bytes long; the limit is "
                            + ModelFormat.MaxNameLength.ToString());
                    }
                    return NextStage(ModelFormat.FixedHeaderBytes + _nameLength + 2);
                case 4:
                    char[] chars = new char[_nameLength];
                    for (int i = 0; i < _nameLength; i++)
                    {
                        byte c = _header[ModelFormat.FixedHeaderBytes + i];
                        if (!ModelRules.IsNameCharacter(c))
                        {
                            return Fail("the model name holds a byte that is not printable ASCII (0x" + c.ToString("X2") + ")");
                        }
                        chars[i] = (char)c;
                    }
                    _name = new string(chars);
                    _layerCount = LittleEndian.U16(_header, ModelFormat.FixedHeaderBytes + _nameLength);
                    string countProblem = ModelRules.CheckLayerCount(_layerCount);
                    if (countProblem != null)
                    {
                        return Fail(countProblem);
                    }
                    return NextStage(ModelFormat.HeaderBytes(_nameLength, _layerCount));
                default:
                    return ParseLayerTable();
            }
        }

        // Moves to the next header stage, which completes at `need` bytes; fails when the file cannot hold them.
        private bool NextStage(int need)
        {
            _headerStage++;
            if (need > _contentLength)
            {
                return Fail("the model file is truncated: its header needs " + need.ToString() + " bytes but only "
                    + (_contentLength < 0 ? 0 : _contentLength).ToString() + " come before the checksum");
            }
            _headerNeed = need;
            // A stage may already be complete (a zero-length name): parse it right away.
            if (_headerFill >= need)
            {
                return ParseHeaderStage();
            }
            return true;
        }

        private bool ParseLayerTable()
        {
            int n = _layerCount;
            _inputs = new int[n];
            _neurons = new int[n];
            _activationCodes = new int[n];
            _weightTypes = new int[n];
            _hasBias = new bool[n];
            int entry = ModelFormat.FixedHeaderBytes + _nameLength + 2;
            for (int i = 0; i < n; i++, entry += ModelFormat.LayerEntryBytes)
            {
                uint inputs = LittleEndian.U32(_header, entry);
                uint neurons = LittleEndian.U32(_header, entry + 4);
                // Clamp before the int conversion so a value ≥ 2^31 cannot turn negative and slip through.
                int inputsInt = inputs > int.MaxValue ? int.MaxValue : (int)inputs;
                int neuronsInt = neurons > int.MaxValue ? int.MaxValue : (int)neurons;
                int activation = _header[entry + 8];
                int weightType = _header[entry + 9];
                int hasBias = _header[entry + 10];
                int reserved = _header[entry + 11];
                // Widths over the cap are reported as stored, not as the clamped int.
                string problem = ModelRules.CheckStoredWidth(inputs, "inputs");
                if (problem == null)
                {
                    problem = ModelRules.CheckStoredWidth(neurons, "neurons");
                }
                if (problem == null)
                {
                    problem = ModelRules.CheckShape(inputsInt, neuronsInt, activation, weightType);
                }
                if (problem == null)
                {
                    problem = ModelRules.CheckEntryFlags(hasBias, reserved);
                }
                if (problem != null)
                {
                    return Fail(ModelRules.LayerMessage(i, problem));
                }
                if (i > 0 && inputsInt != _neurons[i - 1])
                {
                    return Fail(ModelRules.ChainMessage(i, inputsInt, _neurons[i - 1]));
                }
                _inputs[i] = inputsInt;
                _neurons[i] = neuronsInt;
                _activationCodes[i] = activation;
                _weightTypes[i] = weightType;
                _hasBias[i] = hasBias == 1;
            }

            // Every section must fit in what the file really holds, checked before allocating anything.
            long offset = ModelFormat.HeaderBytes(_nameLength, _layerCount);
            for (int i = 0; i < n; i++)
            {
                long weightBytes = (long)_inputs[i] * _neurons[i] * WeightType.BytesPerWeight(_weightTypes[i]);
                if (!Fits(i, "weights", weightBytes, ref offset))
                {
                    return false;
                }
                if (_weightTypes[i] == WeightType.Int8 && !Fits(i, "scales", 4L * _neurons[i], ref offset))
                {
                    return false;
                }
                if (_hasBias[i] && !Fits(i, "biases", 4L * _neurons[i], ref offset))
                {
                    return false;
                }
            }
            if (_hasNames)
            {
                if (!CheckClassNamesRoom(_contentLength - offset, _neurons[n - 1]))
                {
                    return false;
                }
            }
            else if (offset < _contentLength)
            {
                return Fail("the model file has " + (_contentLength - offset).ToString()
                    + " unexpected bytes after the last layer");
            }

            if (_load)
            {
                _layers = new ModelLayer[n];
                for (int i = 0; i < n; i++)
                {
                    _layers[i] = new ModelLayer(_inputs[i], _neurons[i], _activationCodes[i], _weightTypes[i], _hasBias[i], _mode);
                }
            }
            _headerDone = true;
            _layer = 0;
            _section = SectionWeights;
            _element = 0;
            _elementCount = _inputs[0] * _neurons[0];
            _byteInElement = 0;
            return true;
        }

        // The class-names section's size against what a section for `outputs` classes can take, before
        // any of it arrives: at least the count and one character per class, at most the longest names.
        private bool CheckClassNamesRoom(long bytes, int outputs)
        {
            if (outputs > ModelFormat.MaxClasses)
            {
                return Fail("the model names its classes but has " + outputs.ToString() + " outputs; a model with class names has at most "
                    + ModelFormat.MaxClasses.ToString());
            }
            long least = 2L + 2L * outputs;
            long most = 2L + (1L + ModelFormat.MaxClassNameLength) * outputs;
            if (bytes < least)
            {
                return Fail("the model file is truncated: its flags announce class names, which for " + outputs.ToString()
                    + " outputs take at least " + least.ToString() + " bytes, but only " + bytes.ToString() + " remain before the checksum");
            }
            if (bytes > most)
            {
                return Fail("the model file has " + (bytes - most).ToString() + " unexpected bytes: the class names of "
                    + outputs.ToString() + " outputs take at most " + most.ToString() + " bytes");
            }
            _classNameChars = new char[ModelFormat.MaxClassNameLength];
            _namesStage = NamesCountLow;
            return true;
        }

        private bool Fits(int layer, string what, long bytes, ref long offset)
        {
            long remaining = _contentLength - offset;
            if (remaining < 0)
            {
                remaining = 0;
            }
            if (bytes > remaining)
            {
                return Fail("the model file is truncated: layer " + (layer + 1).ToString() + " needs " + bytes.ToString()
                    + " bytes of " + what + " but only " + remaining.ToString() + " remain");
            }
            offset += bytes;
            return true;
        }

        private void PayloadByte(byte b)
        {
            int weightType = _weightTypes[_layer];
            if (_section == SectionWeights && weightType == WeightType.Int8)
            {
                sbyte q = (sbyte)b;
                ValueProblem(ModelRules.CheckInt8Weight(q, _layer));
                if (_load && _layers[_layer].QuantizedWeights != null)
                {
                    _layers[_layer].QuantizedWeights[_element] = q;
                }
                NextElement();
                return;
            }

            _scratch[_byteInElement++] = b;
            if (_byteInElement < 4)
            {
                return;
            }
            _byteInElement = 0;
            float value = LittleEndian.F32(_scratch, 0);
            if (_section == SectionWeights)
            {
                ValueProblem(ModelRules.CheckFinite(value, "weight", _layer));
                if (_load && _layers[_layer].Weights != null)
                {
                    _layers[_layer].Weights[_element] = value;
                }
            }
            else if (_section == SectionScales)
            {
                ValueProblem(ModelRules.CheckScale(value, _layer, _element));
                if (_load && _layers[_layer].Scales != null)
                {
                    _layers[_layer].Scales[_element] = value;
                }
            }
            else
            {
                ValueProblem(ModelRules.CheckFinite(value, "bias", _layer));
                if (_load && _layers[_layer].Biases != null)
                {
                    _layers[_layer].Biases[_element] = value;
                }
            }
            NextElement();
        }

        // One byte of the class-names section; `left` bytes of it come after this one. Its problems are
        // values like a NaN weight: remembered, the section no longer read, reported after the CRC check.
        private void ClassNameByte(byte b, int left)
        {
            switch (_namesStage)
            {
                case NamesCountLow:
                    _classCount = b;
                    _namesStage = NamesCountHigh;
                    return;
                case NamesCountHigh:
                    _classCount |= b << 8;
                    int outputs = _neurons[_layerCount - 1];
                    if (_classCount != outputs)
                    {
                        StopNames("the class-names section holds " + _classCount.ToString() + " names but the model has "
                            + outputs.ToString() + " outputs");
                        return;
                    }
                    _classNames = new string[_classCount];
                    _classIndex = 0;
                    _namesStage = NamesLength;
                    return;
                case NamesLength:
                    _classNameLength = b;
                    _classNameFill = 0;
                    if (b == 0 || b > ModelFormat.MaxClassNameLength)
                    {
                        StopNames("class " + _classIndex.ToString() + "'s name is " + b.ToString()
                            + " bytes long; a class name is 1 to " + ModelFormat.MaxClassNameLength.ToString() + " characters");
                    }
                    else if (b > left)
                    {
                        StopNames("the class names run into the checksum: class " + _classIndex.ToString() + "'s name is "
                            + b.ToString() + " bytes long but only " + left.ToString() + " remain");
                    }
                    else
                    {
                        _namesStage = NamesText;
                    }
                    return;
                case NamesText:
                    _classNameChars[_classNameFill++] = (char)b;
                    if (_classNameFill == _classNameLength)
                    {
                        _classNames[_classIndex] = new string(_classNameChars, 0, _classNameLength);
                        _classIndex++;
                        _namesStage = _classIndex == _classCount ? NamesDone : NamesLength;
                    }
                    return;
                case NamesDone:
                    StopNames("the model file has " + (left + 1).ToString() + " unexpected bytes after the class names");
                    return;
                default:
                    return; // stopped: the first problem is kept
            }
        }

        private void StopNames(string problem)
        {
            ValueProblem(problem);
            _namesStage = NamesStopped;
        }

        // Remembers the first bad value (null: none); reported after the CRC check (see the class remarks).
        private void ValueProblem(string problem)
        {
            if (_valueError == null)
            {
                _valueError = problem;
            }
        }

        private void NextElement()
        {
            _element++;
            while (_element >= _elementCount && _layer < _layerCount)
            {
                _element = 0;
                if (_section == SectionWeights && _weightTypes[_layer] == WeightType.Int8)
                {
                    _section = SectionScales;
                    _elementCount = _neurons[_layer];
                }
                else if (_section != SectionBiases && _hasBias[_layer])
                {
                    _section = SectionBiases;
                    _elementCount = _neurons[_layer];
                }
                else
                {
                    _layer++;
                    _section = SectionWeights;
                    _elementCount = _layer < _layerCount ? _inputs[_layer] * _neurons[_layer] : 0;
                }
            }
        }

        private bool Fail(string message)
        {
            _error = message;
            return false;
        }
    }
}
