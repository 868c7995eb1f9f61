"""What may stay in Latin letters on a Chinese page: one allow-list for the catalogue test and the browser test.

``tests/test_i18n_coverage.py`` uses it to accept a Chinese text equal to its English one, and
``tests/e2e/test_chinese.py`` uses it to tell technical tokens from untranslated English on the rendered pages.
Each entry says why it is allowed. Add a token here only when a Chinese reader would see it in Latin letters
in a Chinese textbook or in PyTorch's own Chinese documentation.
"""

from __future__ import annotations

import re

# Whole tokens (matched case-sensitively, as words) that a Chinese page writes in Latin letters.
TECHNICAL_TOKENS: dict[str, str] = {
    # libraries and their names
    "PyTorch": "the library's name",
    "torchvision": "the library's name",
    "Streamlit": "the framework's name",
    "NumPy": "the library's name",
    "pandas": "the library's name",
    "Plotly": "the library's name",
    "Pillow": "the library's name",
    "pycocotools": "the library's name",
    "ml_dtypes": "the library's name",
    "Python": "the language's name",
    "CUDA": "NVIDIA's platform name",
    "MPS": "Apple's Metal backend name in PyTorch",
    "CPU": "hardware name used untranslated in Chinese",
    "GPU": "hardware name used untranslated in Chinese",
    "cpu": "PyTorch device string",
    "cuda": "PyTorch device string",
    "mps": "PyTorch device string",
    "AMX": "CPU instruction-set name",
    "AVX2": "CPU instruction-set name",
    "AVX512": "CPU instruction-set name",
    "AVX-512": "CPU instruction-set name",
    "IEEE": "the standard's name (IEEE 754)",
    # number formats
    "FP64": "format name",
    "FP32": "format name",
    "TF32": "format name",
    "FP16": "format name",
    "BF16": "format name",
    "FP8": "format name",
    "E4M3": "FP8 variant name",
    "E5M2": "FP8 variant name",
    "fp64": "dtype string",
    "fp32": "dtype string",
    "tf32": "dtype string",
    "fp16": "dtype string",
    "bf16": "dtype string",
    "fp8": "dtype string",
    "float64": "dtype name",
    "float32": "dtype name",
    "float16": "dtype name",
    "bfloat16": "dtype name",
    "int8": "dtype name",
    "uint8": "dtype name",
    "int64": "dtype name",
    "inf": "how PyTorch prints infinity",
    "nan": "how PyTorch prints not-a-number",
    "NaN": "the standard's name for not-a-number",
    "ulp": "unit in the last place, a term kept in Latin letters",
    "ULP": "unit in the last place",
    # layers, functions and training terms written as code or acronyms
    "ReLU": "layer name",
    "GELU": "layer name",
    "Sigmoid": "layer name",
    "Softmax": "layer name",
    "softmax": "function name",
    "Conv2d": "layer name",
    "ConvTranspose2d": "layer name",
    "MaxPool2d": "layer name",
    "AvgPool2d": "layer name",
    "BatchNorm2d": "layer name",
    "BatchNorm": "layer name (nn.BatchNorm2d), also in model names such as CIFAR10-quick + BatchNorm",
    "Linear": "layer name",
    "Flatten": "layer name",
    "Dropout": "layer name",
    "MixUp": "augmentation name",
    "CutMix": "augmentation name",
    "Adam": "optimizer name",
    "AdamW": "optimizer name",
    "SGD": "optimizer name",
    "MSE": "loss name",
    "NMS": "non-maximum suppression, the acronym Chinese texts use",
    "IoU": "intersection over union, the acronym Chinese texts use",
    "mAP": "mean average precision, the acronym Chinese texts use",
    "AP": "average precision",
    "CNN": "acronym used untranslated",
    "MLP": "acronym used untranslated",
    "RGB": "colour-space name",
    "HWC": "memory layout name",
    "CHW": "memory layout name",
    "NCHW": "memory layout name",
    "NHWC": "memory layout name",
    "channels_last": "PyTorch memory-format name",
    "ceil_mode": "PyTorch argument name",
    "autograd": "PyTorch's module name",
    "autocast": "PyTorch function name (torch.autocast)",
    "GradScaler": "PyTorch class name",
    "squeeze": "tensor method name",
    "unsqueeze": "tensor method name",
    "expand": "tensor method name",
    "MACs": "unit: multiply-accumulate operations",
    "dtype": "PyTorch attribute name",
    "ImageNet": "data set name",
    "COCO": "data set name",
    "CIFAR10": "data set name",
    "CIFAR-10": "data set name",
    "MNIST": "data set name",
    "FashionMNIST": "data set name",
    "Fashion-MNIST": "data set name",
    "ImageFolder": "torchvision class name",
    "FakeData": "torchvision class name",
    # models
    "ResNet": "model family name",
    "ResNet18": "model name",
    "LeNet": "model name",
    "AlexNet": "model name",
    "VGG": "model family name",
    "Darknet": "model family name (YOLOv3's backbone, Darknet-53)",
    "Pascal": "annotation format name (Pascal VOC XML)",
    "VOC": "annotation format name (Pascal VOC XML)",
    "XML": "file format name",
    "Xavier": "initialisation named after Xavier Glorot (nn.init.xavier_uniform_)",
    "Glorot": "initialisation named after Xavier Glorot (nn.init.xavier_uniform_)",
    "Kaiming": "initialisation named after Kaiming He (nn.init.kaiming_normal_)",
    "He": "initialisation named after Kaiming He (nn.init.kaiming_normal_)",
    "MobileNet": "model family name",
    "SSD": "detector name",
    "SSDlite": "detector name",
    "SSDlite320": "detector name",
    "TinySSD": "detector name",
    "Faster": "part of the detector name Faster R-CNN",
    "R-CNN": "detector name",
    # file formats and units
    "PNG": "file format",
    "JPEG": "file format",
    "JPG": "file format",
    "ZIP": "file format",
    "zip": "file extension",
    "pt": "file extension",
    "pth": "file extension",
    "CSV": "file format",
    "TXT": "file format",
    "GIF": "file format",
    "BMP": "file format",
    "WEBP": "file format",
    "TIF": "file format",
    "PT": "file format (PyTorch checkpoint)",
    "PTH": "file format (PyTorch checkpoint)",
    "AccumulateGrad": "PyTorch autograd node name, as grad_fn prints it",
    "Shapes": "proper name of the project's procedural data set (its class names are translated)",
    "Shapes-Rich": "proper name of the project's procedural data set",
    "Shapes-Detect": "proper name of the project's procedural detection data set",
    "Nesterov": "a mathematician's name (Nesterov momentum)",
    "px": "unit",
    "KB": "unit",
    "MB": "unit",
    "GB": "unit",
    "KiB": "unit",
    "MiB": "unit",
    "GiB": "unit",
    "ms": "unit",
    "s": "unit (seconds)",
    "img": "unit in img/s",
    "FLOPs": "unit",
    "GFLOPs": "unit",
    "OK": "used as is in Chinese interfaces",
    "True": "Python literal",
    "False": "Python literal",
    "None": "Python literal",
}

# Patterns of tokens that are technical by their shape; each says why.
TECHNICAL_PATTERNS: dict[str, str] = {
    r"(?:nn|torch|F|np|st|v2|ops|tv_tensors|transforms|lib)\.[\w.]+(?:\(\))?": "a code path, e.g. nn.Conv2d, torch.float16",
    r"[A-Za-z_]\w*\([^)]*\)": "a call written as code, e.g. conv2d(x)",
    r"\w+_\w+": "an identifier with an underscore is code",
    r"[A-Za-z]+\d[\w-]*": "a name with digits: model, format or variable (CIFAR10-quick, x1, E4M3)",
    r"[A-Za-z]": "a single letter is a mathematical variable (n, k, p, H, W)",
    r"\d[\d,._]*(?:e[+-]?\d+)?": "numbers",
    r"0x[0-9a-fA-F]+": "hexadecimal numbers",
    r"\d+MB per file": "Streamlit's file uploader writes this size hint itself, in English, in every language",
}

_MASK = re.compile(
    r"(?<!\w)(?:"
    + "|".join(f"(?:{p})" for p in TECHNICAL_PATTERNS)
    + "|"
    + "|".join(re.escape(t) for t in sorted(TECHNICAL_TOKENS, key=len, reverse=True))
    + r")(?![\w])"
)
ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# Three or more English words in a row, separated by spaces or light punctuation (not by Chinese text).
ENGLISH_RUN = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[ \t,;:/&()\"“”-]+[A-Za-z][A-Za-z'’-]*){2,}")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def mask_technical(text: str) -> str:
    """``text`` with every allowed technical token replaced by ``·``, so only real English words are left."""
    return _MASK.sub("·", text)


def is_technical(text: str) -> bool:
    """True when ``text`` holds no English word outside the allow-list (only tokens, numbers, symbols)."""
    return not ENGLISH_WORD.search(mask_technical(text))


def english_runs(text: str) -> list[str]:
    """The runs of three or more consecutive English words in ``text`` once technical tokens are masked."""
    return [match.group(0).strip() for match in ENGLISH_RUN.finditer(mask_technical(text))]
