"""Strings for datasets: procedural Shapes, torchvision downloads and uploaded ImageFolder zips."""

STRINGS = {
    "data.error.unknown_classes": {
        "en": "Unknown class names: {names}. Choose from: {known}.",
        "zh": "未知的类别名：{names}。可选：{known}。",
    },
    "data.error.too_few_classes": {
        "en": "Choose at least two different classes (got {count}).",
        "zh": "请至少选择两个不同的类别（当前 {count} 个）。",
    },
    "data.error.image_size": {
        "en": "Image size {size} is not supported: choose between {low} and {high} pixels.",
        "zh": "不支持 {size} 像素的图像尺寸：请选择 {low} 到 {high} 像素之间。",
    },
    "data.error.count": {
        "en": "The number of images must be at least 1 (got {count}).",
        "zh": "图像数量至少为 1（当前为 {count}）。",
    },
    "data.error.per_class": {
        "en": "Images per class must be between 1 and {high} (got {count}).",
        "zh": "每类图像数须在 1 到 {high} 之间（当前为 {count}）。",
    },
}
