"""Strings of the fine-tuning page and its lib (lib/finetune*.py)."""

STRINGS = {
    "finetune.error.no_head": {
        "en": "{model} has no linear layer to replace with a new classifier head.",
        "zh": "{model} 没有可以替换为新分类头的全连接层。",
    },
    "finetune.error.freeze": {
        "en": "'{freeze}' is not a freezing choice: use none, body, or a number of stages from 0 to {stages}.",
        "zh": "“{freeze}”不是有效的冻结选项：请使用 none、body，或 0 到 {stages} 之间的阶段数。",
    },
    "finetune.error.classes": {
        "en": "Fine-tuning needs at least two classes; this task has {classes}.",
        "zh": "微调至少需要两个类别；当前任务只有 {classes} 个。",
    },
    "finetune.error.lr": {
        "en": "The learning rate ({lr}) and the head multiplier ({mult}) must be positive numbers.",
        "zh": "学习率（{lr}）和输出层倍数（{mult}）必须是正数。",
    },
    "finetune.error.unknown_backbone": {
        "en": "There is no backbone called '{name}'. Choose one of: {known}.",
        "zh": "没有名为“{name}”的主干网络。请选择：{known}。",
    },
    "finetune.error.offline": {
        "en": "Could not download the pretrained weights ({reason}). This machine seems to be offline; "
        "the offline Shapes backbone still works.",
        "zh": "无法下载预训练权重（{reason}）。这台机器似乎没有联网；离线的 Shapes 主干网络仍然可用。",
    },
    "finetune.error.corrupt_download": {
        "en": "The downloaded weights from {url} do not match their checksum, so they were discarded. Try again.",
        "zh": "从 {url} 下载的权重与校验和不符，已丢弃。请重试。",
    },
    "finetune.error.bad_cache": {
        "en": "The cached weights file {path} cannot be read; delete it and download again.",
        "zh": "无法读取缓存的权重文件 {path}；请删除后重新下载。",
    },
    "finetune.error.size": {
        "en": "The input size must be between 8 and 512 pixels, not {size}.",
        "zh": "输入尺寸必须在 8 到 512 像素之间，而不是 {size}。",
    },
    "finetune.error.scale": {
        "en": "The smallest crop area must be between 0.01 and 1 of the image, not {scale}.",
        "zh": "最小裁剪面积必须在图像的 0.01 到 1 之间，而不是 {scale}。",
    },
    "finetune.error.ratio": {
        "en": "The aspect-ratio range {low}–{high} is not valid: both positive, the first not larger.",
        "zh": "宽高比范围 {low}–{high} 无效：两者都必须为正，且前者不大于后者。",
    },
    "finetune.error.jitter": {
        "en": "Colour jitter amounts must be non-negative, and hue at most 0.5.",
        "zh": "颜色抖动的幅度必须非负，色调最多为 0.5。",
    },
    "finetune.error.budget": {
        "en": "Use 1 to 200 epochs and a batch size from 1 to 1024 (got {epochs} epochs, batch {batch}).",
        "zh": "请使用 1 到 200 个轮次、1 到 1024 的批量大小（当前为 {epochs} 个轮次，批量 {batch}）。",
    },
    "finetune.error.optimizer": {
        "en": "Unknown optimizer '{name}'; choose one of: {known}.",
        "zh": "未知的优化器“{name}”；请选择：{known}。",
    },
    "finetune.error.nan": {
        "en": "The {run} run's loss became NaN or infinite in epoch {epoch}: lower the learning rate.",
        "zh": "{run} 运行的损失在第 {epoch} 轮变成了 NaN 或无穷大：请降低学习率。",
    },
}
