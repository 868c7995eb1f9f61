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
STRINGS.update(
    {
        "train.live.start": {"en": "Start training", "zh": "开始训练"},
        "train.live.stop": {"en": "Stop", "zh": "停止"},
        "train.live.loss": {"en": "Training loss per step", "zh": "每步训练损失"},
        "train.live.metric": {"en": "{metric} per epoch", "zh": "每轮 {metric}"},
        "train.live.metric.accuracy": {"en": "accuracy", "zh": "准确率"},
        "train.live.metric.loss": {"en": "loss", "zh": "损失"},
        "train.live.lr": {"en": "Learning rate", "zh": "学习率"},
        "train.live.raw": {"en": "loss (raw)", "zh": "损失（原始）"},
        "train.live.smoothed": {"en": "loss (smoothed)", "zh": "损失（平滑）"},
        "train.live.train": {"en": "train", "zh": "训练"},
        "train.live.val": {"en": "validation", "zh": "验证"},
        "train.live.step": {"en": "step", "zh": "步"},
        "train.live.epoch": {"en": "epoch", "zh": "轮"},
        "train.live.progress": {
            "en": "step {step}/{total} · epoch {epoch}/{epochs} done · {rate} images/s · ETA {eta} s",
            "zh": "第 {step}/{total} 步 · 已完成 {epoch}/{epochs} 轮 · {rate} 张图/秒 · 预计还需 {eta} 秒",
        },
        "train.live.progress_ended": {
            "en": "step {step}/{total} · epoch {epoch}/{epochs} done · {rate} images/s",
            "zh": "第 {step}/{total} 步 · 已完成 {epoch}/{epochs} 轮 · {rate} 张图/秒",
        },
        "train.live.idle": {
            "en": "No run yet: press Start. Training runs in the background, so you can keep using the page.",
            "zh": "还没有训练：点击“开始训练”。训练在后台运行，页面可以继续使用。",
        },
        "train.live.stopped": {"en": "Stopped after step {step}.", "zh": "已在第 {step} 步后停止。"},
        "train.live.done": {"en": "Finished {epochs} epochs.", "zh": "已完成 {epochs} 轮。"},
        "train.intro": {
            "en": "The whole training loop, for real: data → model → loss → backward → step → evaluate → save → "
            "load → predict. Pick a dataset and a model, press Start and watch it learn; the page stays usable "
            "while it trains.",
            "zh": "完整的训练流程，真实运行：数据 → 模型 → 损失 → 反向传播 → 更新 → 评估 → 保存 → 加载 → 预测。"
            "选择数据集和模型，点击开始，看它学习；训练期间页面仍可使用。",
        },
        "train.data.header": {"en": "1 · Data", "zh": "1 · 数据"},
        "train.data.source": {"en": "Dataset", "zh": "数据集"},
        "train.data.shapes": {"en": "Shapes (offline, procedural)", "zh": "Shapes（离线、程序生成）"},
        "train.data.zip": {"en": "My images (ImageFolder zip)", "zh": "我的图片（ImageFolder zip）"},
        "train.data.count": {"en": "Images", "zh": "图片数量"},
        "train.data.size": {"en": "Image size (pixels)", "zh": "图像尺寸（像素）"},
        "train.data.val": {"en": "Validation share", "zh": "验证集比例"},
        "train.data.limit": {"en": "Training images to use", "zh": "使用的训练图片数"},
        "train.data.load": {"en": "Load {name}", "zh": "加载 {name}"},
        "train.data.offline_hint": {
            "en": "Needs the internet the first time (then cached in the data folder). Offline? Use Shapes.",
            "zh": "首次需要联网（之后缓存在数据目录）。离线？请使用 Shapes。",
        },
        "train.data.upload": {"en": "Zip with one folder per class", "zh": "每个类别一个文件夹的 zip"},
        "train.data.summary": {
            "en": "{train} training and {val} validation images, {classes} classes, {c}×{h}×{w}.",
            "zh": "{train} 张训练图、{val} 张验证图，{classes} 个类别，{c}×{h}×{w}。",
        },
        "train.data.skipped": {"en": "{count} files skipped", "zh": "跳过了 {count} 个文件"},
        "train.data.need": {"en": "Load a dataset to continue.", "zh": "请先加载数据集。"},
        "train.model.header": {"en": "2 · Model", "zh": "2 · 模型"},
        "train.model.name": {"en": "Model", "zh": "模型"},
        "train.model.params": {
            "en": "{params:,} parameters · {macs:,} multiply-adds per image",
            "zh": "{params:,} 个参数 · 每张图 {macs:,} 次乘加",
        },
        "train.model.no_activation": {
            "en": "CIFAR10-quick in its original form has no activation between its layers: conv, pool and linear "
            "layers compose into (almost) one linear map — only max-pooling adds a little non-linearity. "
            "Train it and the ReLU version with the same settings and compare validation accuracy.",
            "zh": "原始形式的 CIFAR10-quick 层与层之间没有激活函数：卷积、池化和全连接层几乎合成一个线性映射——"
            "只有最大池化带来一点非线性。用相同设置分别训练它和加了 ReLU 的版本，比较验证准确率。",
        },
        "train.settings.header": {"en": "3 · How to train", "zh": "3 · 训练设置"},
        "train.settings.optimizer": {"en": "Optimizer", "zh": "优化器"},
        "train.settings.lr": {"en": "Learning rate", "zh": "学习率"},
        "train.settings.momentum": {"en": "Momentum", "zh": "动量"},
        "train.settings.nesterov": {"en": "Nesterov", "zh": "Nesterov 动量"},
        "train.settings.wd": {"en": "Weight decay", "zh": "权重衰减"},
        "train.settings.schedule": {"en": "LR schedule", "zh": "学习率调度"},
        "train.schedule.constant": {"en": "constant", "zh": "恒定"},
        "train.schedule.step": {
            "en": "step decay (×{gamma:g} every {every} epochs)",
            "zh": "阶梯衰减（每 {every} 轮 ×{gamma:g}）",
        },
        "train.schedule.cosine": {"en": "cosine annealing", "zh": "余弦退火"},
        "train.schedule.onecycle": {"en": "one-cycle", "zh": "单周期（one-cycle）"},
        "train.settings.batch": {"en": "Batch size", "zh": "批大小"},
        "train.settings.epochs": {"en": "Epochs", "zh": "轮数"},
        "train.settings.crop": {"en": "Random crop padding (0 = off)", "zh": "随机裁剪填充（0 = 关闭）"},
        "train.settings.flip": {"en": "Random horizontal flip", "zh": "随机水平翻转"},
        "train.settings.precision": {"en": "Precision", "zh": "精度"},
        "train.settings.device": {"en": "Device", "zh": "设备"},
        "train.settings.clip": {"en": "Gradient clipping (max norm, 0 = off)", "zh": "梯度裁剪（最大范数，0 = 关闭）"},
        "train.settings.seed": {"en": "Seed", "zh": "随机种子"},
        "train.settings.lr_preview": {"en": "Learning rate over the run", "zh": "整个训练过程的学习率"},
        "train.settings.continue": {
            "en": "Continue from the uploaded checkpoint ({model})",
            "zh": "从上传的检查点继续训练（{model}）",
        },
        "train.run.summary": {
            "en": "Start trains {model} on {images:,} images of {size}×{size} pixels: {optimizer}, learning rate {lr}, "
            "batches of {batch}, {epochs} epochs, {precision}.",
            "zh": "“开始训练”将用 {images:,} 张 {size}×{size} 像素的图像训练 {model}：{optimizer}，学习率 {lr}，"
            "批大小 {batch}，{epochs} 轮，{precision}。",
        },
        "train.tab.data": {"en": "1 · Data", "zh": "1 · 数据"},
        "train.tab.model": {"en": "2 · Model", "zh": "2 · 模型"},
        "train.tab.settings": {"en": "3 · How to train", "zh": "3 · 训练设置"},
        "train.tab.results": {"en": "4 · What did it learn?", "zh": "4 · 它学到了什么？"},
        "train.tab.predict": {"en": "5 · Predict on your photo", "zh": "5 · 用你的照片预测"},
        "train.results.header": {"en": "5 · What did it learn?", "zh": "5 · 它学到了什么？"},
        "train.results.source": {"en": "Inspect", "zh": "查看"},
        "train.results.run": {"en": "this session's run", "zh": "本次训练的模型"},
        "train.results.uploaded": {"en": "uploaded checkpoint", "zh": "上传的检查点"},
        "train.results.none": {
            "en": "Train a model (results appear after the first epoch) or upload a checkpoint.",
            "zh": "先训练一个模型（第一轮结束后显示结果）或上传检查点。",
        },
        "train.results.mismatch": {
            "en": "This model predicts {model} classes but the dataset has {data}: load matching data to evaluate it.",
            "zh": "该模型预测 {model} 个类别，但数据集有 {data} 个：请加载匹配的数据再评估。",
        },
        "train.results.accuracy": {
            "en": "Validation accuracy: {accuracy:.1%} ({correct} of {total})",
            "zh": "验证准确率：{accuracy:.1%}（{total} 张中 {correct} 张正确）",
        },
        "train.results.confusion": {
            "en": "Confusion matrix (rows: true, columns: predicted)",
            "zh": "混淆矩阵（行：真实，列：预测）",
        },
        "train.results.per_class": {"en": "Accuracy per class", "zh": "各类别准确率"},
        "train.results.class": {"en": "class", "zh": "类别"},
        "train.results.wrong": {
            "en": "Most confident mistakes (true → predicted, confidence)",
            "zh": "最自信的错误（真实 → 预测，置信度）",
        },
        "train.results.no_wrong": {"en": "No validation image is misclassified.", "zh": "没有分错的验证图像。"},
        "train.results.filters": {"en": "First-layer filters", "zh": "第一层卷积核"},
        "train.results.no_conv": {"en": "This model has no convolution layer.", "zh": "该模型没有卷积层。"},
        "train.results.maps": {"en": "Feature maps of one validation image", "zh": "一张验证图像的特征图"},
        "train.results.image": {"en": "Validation image", "zh": "验证图像"},
        "train.results.layer": {"en": "{name}: {shape}", "zh": "{name}：{shape}"},
        "train.ckpt.header": {"en": "6 · Save, load, continue", "zh": "6 · 保存、加载、继续"},
        "train.ckpt.download": {"en": "Download checkpoint (.pt)", "zh": "下载检查点（.pt）"},
        "train.ckpt.upload": {"en": "Upload a checkpoint to evaluate or continue", "zh": "上传检查点以评估或继续训练"},
        "train.ckpt.loaded": {
            "en": "Loaded {model} for {classes} classes at {size}×{size} ({accuracy}).",
            "zh": "已加载 {model}，{classes} 个类别，输入 {size}×{size}（{accuracy}）。",
        },
        "train.ckpt.val_accuracy": {"en": "validation accuracy {accuracy:.1%}", "zh": "验证准确率 {accuracy:.1%}"},
        "train.ckpt.no_model": {"en": "Nothing to save yet: train first.", "zh": "还没有可保存的模型：请先训练。"},
        "train.predict.header": {"en": "7 · Predict", "zh": "7 · 预测"},
        "train.predict.model": {"en": "Model to use", "zh": "使用的模型"},
        "train.predict.shipped": {
            "en": "shipped: {model} (val. accuracy {accuracy:.1%})",
            "zh": "随附：{model}（验证准确率 {accuracy:.1%}）",
        },
        "train.predict.upload": {
            "en": "A photo (any size; it is resized to the model's input)",
            "zh": "一张图片（任意尺寸，会缩放到模型输入大小）",
        },
        "train.predict.seen": {"en": "What the model sees ({size}×{size})", "zh": "模型看到的图像（{size}×{size}）"},
        "train.predict.top": {"en": "Top-5", "zh": "前 5 名"},
        "train.predict.probability": {"en": "probability", "zh": "概率"},
        "train.predict.p": {"en": "probability", "zh": "概率"},
        "train.predict.knows": {
            "en": "**What this model knows:** {count} classes, one example each. Whatever you upload, it answers with one of these.",
            "zh": "**这个模型认识什么：** {count} 个类别，每类一个示例。无论上传什么，它都只会回答其中之一。",
        },
        "train.predict.ood.like": {
            "en": "Like its training data: score {score} ≥ threshold {threshold}.",
            "zh": "与训练数据相似：得分 {score} ≥ 阈值 {threshold}。",
        },
        "train.predict.ood.unlike": {
            "en": "Unlike anything it was trained on: score {score} < threshold {threshold}. The answer above is a forced "
            "choice among its classes, not a recognition.",
            "zh": "与它训练过的任何图像都不像：得分 {score} < 阈值 {threshold}。上面的答案只是被迫从它的类别中选出一个，"
            "并不是真正的识别。",
        },
        "train.predict.ood.meaning": {
            "en": "The score is the energy score logsumexp(logits): how strongly the network responds overall. The "
            "threshold is the score that {keep} of the model's own validation images reach, so a photo below it is "
            "less familiar than almost every image of its domain.",
            "zh": "得分是能量分数 logsumexp(logits)：网络整体响应的强弱。阈值是该模型自己的验证图像中 {keep} "
            "能达到的分数，低于阈值的照片比其领域内几乎所有图像都更陌生。",
        },
        "train.predict.ood.way": {
            "en": "For a meaningful answer on your photos, teach a model your own classes on the **Fine-tuning** page "
            "(a few photos per class), or, online, choose the ImageNet weights there, which know 1,000 everyday classes.",
            "zh": "想对你的照片得到有意义的答案：在 **微调** 页面用你自己的类别（每类几张照片）训练模型；"
            "或在联网时选择那里的 ImageNet 权重，它认识 1000 种日常类别。",
        },
        "train.predict.ood.unknown": {
            "en": "No images of this model's own domain are at hand, so whether the photo is like its training data "
            "cannot be checked: load the data it was trained on.",
            "zh": "手头没有该模型所属领域的图像，因此无法检查照片是否与其训练数据相似：请加载它训练时用的数据。",
        },
        "train.predict.none": {
            "en": "No model available: the shipped weights are missing. Train one above.",
            "zh": "没有可用的模型：随附权重缺失。请先在上方训练一个。",
        },
    }
)
