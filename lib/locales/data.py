"""Strings for datasets: procedural Shapes, torchvision downloads and uploaded ImageFolder zips."""

STRINGS = {
    "data.class.circle": {"en": "circle", "zh": "圆形"},
    "data.class.square": {"en": "square", "zh": "正方形"},
    "data.class.triangle": {"en": "triangle", "zh": "三角形"},
    "data.class.star": {"en": "star", "zh": "星形"},
    "data.class.cross": {"en": "cross", "zh": "十字"},
    "data.class.ring": {"en": "ring", "zh": "圆环"},
    "data.class.hexagon": {"en": "hexagon", "zh": "六边形"},
    "data.class.diamond": {"en": "diamond", "zh": "菱形"},
    "data.class.crescent": {"en": "crescent", "zh": "月牙"},
    "data.class.arrow": {"en": "arrow", "zh": "箭头"},
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
    "data.zip.error.not_zip": {
        "en": "This file is not a readable zip archive.",
        "zh": "该文件不是可读取的 zip 压缩包。",
    },
    "data.zip.error.unsafe_path": {
        "en": "The zip contains an unsafe path ({name}): paths with '..', a leading '/' or a drive letter are refused.",
        "zh": "压缩包中有不安全的路径（{name}）：含 '..'、以 '/' 开头或带盘符的路径会被拒绝。",
    },
    "data.zip.error.too_many_files": {
        "en": "The zip holds {count} entries; at most {limit} are accepted.",
        "zh": "压缩包内有 {count} 个条目，最多接受 {limit} 个。",
    },
    "data.zip.error.too_big": {
        "en": "The zip unpacks to {size_mb:.0f} MB; at most {limit_mb:.0f} MB are accepted.",
        "zh": "压缩包解压后为 {size_mb:.0f} MB，最多接受 {limit_mb:.0f} MB。",
    },
    "data.zip.error.bomb": {
        "en": "Refused {name}: it expands {ratio:.0f}× or more than it claims, like a zip bomb.",
        "zh": "已拒绝 {name}：它的膨胀倍数达 {ratio:.0f}× 或超出其声明的大小，像是 zip 炸弹。",
    },
    "data.zip.error.too_much_output": {
        "en": "{count} images at {size}×{size} would use too much memory: choose a smaller image size or fewer images.",
        "zh": "{count} 张 {size}×{size} 的图像会占用过多内存：请选择更小的图像尺寸或更少的图像。",
    },
    "data.zip.error.too_many_pixels": {
        "en": "The images in this zip hold more than {limit_mp} megapixels in all; the limit keeps one upload from "
        "holding the server. Shrink the photos (a few hundred pixels a side is plenty here) or send fewer.",
        "zh": "该压缩包中的图像合计超过 {limit_mp} 百万像素；此上限防止单次上传占用服务器。"
        "请缩小照片（每边几百像素就足够）或减少数量。",
    },
    "data.zip.error.too_slow": {
        "en": "Decoding this zip took more than {seconds:.0f} seconds, the limit per upload. Shrink the photos or send fewer.",
        "zh": "解码该压缩包超过了每次上传 {seconds:.0f} 秒的上限。请缩小照片或减少数量。",
    },
    "data.zip.error.stopped": {
        "en": "Reading the zip was stopped because the session ended.",
        "zh": "会话已结束，已停止读取压缩包。",
    },
    "data.zip.error.fit": {
        "en": "Unknown resize mode {fit}: use 'crop' or 'pad'.",
        "zh": "未知的缩放方式 {fit}：请使用 'crop' 或 'pad'。",
    },
    "data.zip.error.no_images": {
        "en": "No usable images found. Put them in one folder per class: cats/1.jpg, dogs/2.jpg, …",
        "zh": "未找到可用的图像。请按类别放入各自的文件夹：cats/1.jpg、dogs/2.jpg……",
    },
    "data.zip.error.one_class": {
        "en": "Only one class ({name}) was found; a classifier needs at least two class folders.",
        "zh": "只找到一个类别（{name}）；分类器至少需要两个类别文件夹。",
    },
    "data.zip.error.empty_class": {
        "en": "These class folders have no usable image: {names}. Add images or remove the folders.",
        "zh": "这些类别文件夹中没有可用的图像：{names}。请添加图像或删除这些文件夹。",
    },
    "data.zip.error.duplicate_class": {
        "en": "The class folders {first} and {second} differ only by upper/lower case: merge or rename them.",
        "zh": "类别文件夹 {first} 与 {second} 仅大小写不同：请合并或重命名。",
    },
    "data.zip.skip.not_in_class": {
        "en": "not inside a class folder",
        "zh": "不在类别文件夹内",
    },
    "data.zip.skip.nested": {
        "en": "in a sub-folder of a class folder (only class/image files are read)",
        "zh": "位于类别文件夹的子文件夹中（只读取 类别/图像 这一层）",
    },
    "data.zip.skip.nested_class": {
        "en": "holds only sub-folders, no images of its own: not used as a class",
        "zh": "只包含子文件夹、没有自己的图像：不作为类别使用",
    },
    "data.zip.skip.not_image": {
        "en": "not an image file (by its extension)",
        "zh": "不是图像文件（按扩展名判断）",
    },
    "data.zip.skip.too_big": {
        "en": "too large ({size_mb:.1f} MB; at most {limit_mb:.0f} MB per file)",
        "zh": "文件过大（{size_mb:.1f} MB；每个文件最多 {limit_mb:.0f} MB）",
    },
    "data.zip.skip.encrypted": {
        "en": "password-protected",
        "zh": "受密码保护",
    },
    "data.zip.skip.unreadable": {
        "en": "damaged inside the zip ({detail})",
        "zh": "在压缩包内已损坏（{detail}）",
    },
    "data.download.fallback": {
        "en": "Shapes works offline.",
        "zh": "Shapes 数据集可离线使用。",
    },
    "data.download.error.unreadable": {
        "en": "{name} was downloaded but torchvision cannot read it; delete its folder in the downloads directory and retry.",
        "zh": "{name} 已下载，但 torchvision 无法读取；请删除下载目录中的对应文件夹后重试。",
    },
    "data.download.error.unknown": {
        "en": "Unknown dataset {name}; available: {known}.",
        "zh": "未知的数据集 {name}；可用：{known}。",
    },
}
