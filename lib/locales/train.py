"""Strings of the Train a CNN page and of the training engine, jobs and checkpoints it uses."""

STRINGS: dict[str, dict[str, str]] = {
    "train.error.optimizer": {
        "en": "Unknown optimizer {name!r}; choose one of: {choices}.",
        "zh": "未知的优化器 {name!r}；可选：{choices}。",
    },
    "train.error.schedule": {
        "en": "Unknown learning-rate schedule {name!r}; choose one of: {choices}.",
        "zh": "未知的学习率调度 {name!r}；可选：{choices}。",
    },
    "train.error.lr": {
        "en": "The learning rate must be a positive number, got {lr}.",
        "zh": "学习率必须是正数，当前为 {lr}。",
    },
    "train.error.sizes": {
        "en": "Batch size and epochs must be at least 1 (got batch {batch}, epochs {epochs}).",
        "zh": "批大小和轮数至少为 1（当前批大小 {batch}，轮数 {epochs}）。",
    },
    "train.error.empty": {
        "en": "The training set is empty: there is nothing to learn from.",
        "zh": "训练集为空：没有可学习的数据。",
    },
    "train.error.stats": {
        "en": "Normalisation has {got} values but the images have {channels} channels.",
        "zh": "归一化参数有 {got} 个值，但图像有 {channels} 个通道。",
    },
    "train.error.nan": {
        "en": "The loss became {loss} at step {step} (learning rate {lr:.3g}): training diverged. "
        "Try a lower learning rate, e.g. {lower:.3g}, or gradient clipping.",
        "zh": "第 {step} 步的损失变成了 {loss}（学习率 {lr:.3g}）：训练发散了。"
        "请降低学习率（例如 {lower:.3g}）或启用梯度裁剪。",
    },
    "train.error.oom": {
        "en": "The device ran out of memory with batch size {batch}. Try a smaller batch or a smaller model.",
        "zh": "批大小为 {batch} 时设备内存不足。请减小批大小或换一个更小的模型。",
    },
    "train.error.crashed": {
        "en": "Training stopped with an unexpected {kind}: {detail}",
        "zh": "训练因意外的 {kind} 而停止：{detail}",
    },
    "train.error.busy": {
        "en": "The server is busy: {limit} training runs are already going. Try again when one finishes.",
        "zh": "服务器繁忙：已有 {limit} 个训练在运行。请等其中一个结束后再试。",
    },
    "train.error.running": {
        "en": "A run is already going in this session; stop it first.",
        "zh": "本会话已有一个训练在运行；请先停止它。",
    },
}
