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
STRINGS.update(
    {
        "checkpoint.error.too_big": {
            "en": "This file is {mb} MB; checkpoints up to {limit} MB are accepted.",
            "zh": "该文件有 {mb} MB；只接受不超过 {limit} MB 的检查点。",
        },
        "checkpoint.error.unsafe": {
            "en": "Refused: this file contains Python code, not just weights. Only plain tensors and metadata "
            "are loaded (torch.load with weights_only=True).",
            "zh": "已拒绝：该文件包含 Python 代码而不只是权重。这里只加载纯张量和元数据（torch.load 使用 weights_only=True）。",
        },
        "checkpoint.error.not_checkpoint": {
            "en": "This is not a PyTorch checkpoint (expected a file written by torch.save holding a state dict).",
            "zh": "这不是 PyTorch 检查点（应为 torch.save 保存的、包含 state dict 的文件）。",
        },
        "checkpoint.error.meta": {
            "en": "The checkpoint's metadata is incomplete; it needs: {required}.",
            "zh": "检查点的元数据不完整；需要：{required}。",
        },
        "checkpoint.error.mismatch": {
            "en": "These weights do not fit this model. Missing: {missing}. Unexpected: {unexpected}. "
            "Wrong shapes: {shapes}.",
            "zh": "这些权重与该模型不匹配。缺少：{missing}。多余：{unexpected}。形状不符：{shapes}。",
        },
        "checkpoint.error.bare": {
            "en": "This file is a bare state dict without metadata: choose the matching model and load it into that.",
            "zh": "该文件是没有元数据的 state dict：请选择对应的模型再加载。",
        },
        "checkpoint.error.model": {
            "en": "The checkpoint is for a model this app does not know: {name!r}.",
            "zh": "该检查点对应的模型本应用不认识：{name!r}。",
        },
        "weights.error.missing": {
            "en": "The shipped weights {file} are not listed in weights/manifest.json or the file is missing.",
            "zh": "随附权重 {file} 未在 weights/manifest.json 中列出，或文件缺失。",
        },
        "weights.error.hash": {
            "en": "The shipped weights {file} do not match their SHA-256 in the manifest; re-run the training script.",
            "zh": "随附权重 {file} 与清单中的 SHA-256 不符；请重新运行训练脚本。",
        },
    }
)
