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
    "train.error.worker_lost": {
        "en": "The machine training your run stopped answering (it was shut down or crashed). Your settings are "
        "kept: press Start to train again.",
        "zh": "运行你的训练的机器停止了响应（它被关闭或崩溃了）。你的设置都还在：点击“开始训练”重新训练。",
    },
    "train.error.worker_oom": {
        "en": "The machine training your run ran out of memory, so the run was ended. Your settings are kept: try "
        "a smaller batch, fewer images or a smaller model, then press Start.",
        "zh": "运行你的训练的机器内存不足，训练被终止。你的设置都还在：请减小批大小、图片数量或换更小的模型，再点击“开始训练”。",
    },
    "train.error.cluster_lost": {
        "en": "The training cluster cannot be reached right now, so the run was ended. Your settings are kept: "
        "try again in a minute.",
        "zh": "暂时无法连接训练集群，训练已终止。你的设置都还在：请一分钟后再试。",
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
        "train.live.scale": {"en": "loss scale (GradScaler)", "zh": "损失缩放系数（GradScaler）"},
        "train.live.scale_axis": {"en": "loss scale", "zh": "缩放系数"},
        "train.live.skipped": {
            "en": "skipped step (overflow): {count}",
            "zh": "跳过的步（溢出）：{count}",
        },
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
        "train.live.queued": {
            "en": "Waiting for a free training machine: you are number {place} in the queue, about {wait} s to go.",
            "zh": "正在等待空闲的训练机器：你排在第 {place} 位，大约还需 {wait} 秒。",
        },
        "train.live.queued_unknown": {
            "en": "Waiting for a free training machine: you are number {place} in the queue.",
            "zh": "正在等待空闲的训练机器：你排在第 {place} 位。",
        },
        "train.live.queued_start": {
            "en": "Sending your run to a training machine…",
            "zh": "正在把你的训练发送到训练机器……",
        },
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
        "train.settings.fp16_cpu": {
            "en": "fp16 on a CPU trains correctly, with a real loss scaler (GradScaler) on the live chart, but most "
            "CPUs have no fp16 units, so PyTorch runs fp16 convolutions through slow generic code. Pick the MLP model to watch the "
            "scaler at a usable speed; the device race measures the cost.",
            "zh": "在 CPU 上用 fp16 能正确训练，实时图表上也有真实的损失缩放器（GradScaler），但多数 CPU 没有 fp16 "
            "运算单元，PyTorch 只能用缓慢的通用代码计算 fp16 卷积。选择 MLP 模型，可以以可用的速度观察缩放器；设备竞速会测出代价。",
        },
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
        "train.script.download": {"en": "Download as a Python script", "zh": "下载为 Python 脚本"},
        "train.script.caption": {
            "en": "One self-contained file that reproduces this run with plain PyTorch, without this app: the same "
            "data, model, optimizer, schedule, precision and device. It prints a line per epoch and saves a "
            "checkpoint this page can load. For a quick try: `python {file} --epochs 1 --limit 256`.",
            "zh": "一个独立的文件，不依赖本应用、只用 PyTorch 复现这次训练：相同的数据、模型、优化器、学习率调度、"
            "精度和设备。它每轮打印一行结果，并保存本页可以加载的检查点。快速试一下：`python {file} --epochs 1 --limit 256`。",
        },
        "train.script.folder": {
            "en": "Your zip stays on this page: unzip it and pass its folder with `--images`.",
            "zh": "你的压缩包不会放进脚本：请解压，并用 `--images` 指定文件夹。",
        },
        "train.script.torchvision": {
            "en": "The script downloads the dataset itself (into `--data`, default `data`).",
            "zh": "脚本会自行下载数据集（保存到 `--data`，默认 `data`）。",
        },
        "train.tab.data": {"en": "1 · Data", "zh": "1 · 数据"},
        "train.tab.model": {"en": "2 · Model", "zh": "2 · 模型"},
        "train.tab.settings": {"en": "3 · How to train", "zh": "3 · 训练设置"},
        "train.tab.results": {"en": "4 · What did it learn?", "zh": "4 · 它学到了什么？"},
        "train.tab.predict": {"en": "5 · Predict on your photo", "zh": "5 · 用你的照片预测"},
        "train.tab.precision": {"en": "6 · Precision and devices", "zh": "6 · 精度与设备"},
        "train.precision.header": {"en": "The loss scaler: why fp16 needs it", "zh": "损失缩放：fp16 为什么需要它"},
        "train.precision.intro": {
            "en": "FP16's smallest positive number is 2⁻²⁴ ≈ 6·10⁻⁸: a gradient smaller than half of that is "
            "rounded to exactly 0, and its weight learns nothing (underflow). `torch.amp.GradScaler` multiplies "
            "the loss by a large scale before backward so the FP16 gradients stay representable, divides them "
            "again in FP32, skips a step whose scaled gradients overflowed (inf) and halves the scale then. BF16 "
            "keeps FP32's range and needs no scaling. One click trains the same seeded model on the same batches "
            "four ways and counts the gradients that are exactly zero, per layer and step.",
            "zh": "FP16 能表示的最小正数是 2⁻²⁴ ≈ 6·10⁻⁸：比它一半还小的梯度会被舍入成恰好 0，"
            "对应的权重什么也学不到（下溢）。`torch.amp.GradScaler` 在反向传播前把损失乘以一个大的缩放系数，"
            "让 FP16 梯度保持可表示，再在 FP32 中除回去；若缩放后的梯度溢出（inf），就跳过这一步并把缩放系数减半。"
            "BF16 拥有 FP32 的数值范围，不需要缩放。点一下，就用同一个带种子的模型、同样的批次以四种方式训练，"
            "并逐层、逐步统计恰好为 0 的梯度。",
        },
        "train.precision.device_cpu": {
            "en": "Runs here on the CPU: d2l's MLP on 1,000 Shapes images of 16×16, 20 Adam steps per precision. "
            'fp16 autocast and GradScaler("cpu") are real on a CPU and the underflow is exactly the one a GPU '
            "sees; only fp16's speed needs a GPU (most CPUs have no fp16 units).",
            "zh": "此处在 CPU 上运行：d2l 的 MLP，1000 张 16×16 的 Shapes 图像，每种精度 20 步 Adam。"
            'CPU 上的 fp16 autocast 和 GradScaler("cpu") 都是真实的，下溢与 GPU 上完全相同；'
            "只有 fp16 的速度需要 GPU（多数 CPU 没有 fp16 运算单元）。",
        },
        "train.precision.device_gpu": {
            "en": "Runs on the GPU: d2l's MLP on 1,000 Shapes images of 16×16, 20 Adam steps per precision.",
            "zh": "在 GPU 上运行：d2l 的 MLP，1000 张 16×16 的 Shapes 图像，每种精度 20 步 Adam。",
        },
        "train.precision.factor": {"en": "Gradient size (loss multiplied by)", "zh": "梯度大小（损失乘以）"},
        "train.precision.factor_help": {
            "en": "Multiplying the loss shrinks every gradient alike, as in deep networks or late in training. "
            "Adam's step does not depend on the gradient's size (its ε is set to 1e-12, below every gradient here), so FP32 "
            "learns the same at every setting.",
            "zh": "把损失乘以一个小数会同等地缩小所有梯度，就像深层网络或训练后期那样。"
            "Adam 的更新步长与梯度大小无关（这里它的 ε 设为 1e-12，小于所有梯度），所以 FP32 在每个设置下学得一样。",
        },
        "train.precision.run": {
            "en": "Run fp32, fp16, fp16 + GradScaler and bf16",
            "zh": "运行 fp32、fp16、fp16 + GradScaler 和 bf16",
        },
        "train.precision.running": {"en": "Training four copies of the model…", "zh": "正在训练模型的四个副本…"},
        "train.precision.none": {
            "en": "Press the button: it takes a few seconds.",
            "zh": "点击按钮：只需几秒钟。",
        },
        "train.precision.mode.fp32": {"en": "fp32", "zh": "fp32"},
        "train.precision.mode.fp16": {"en": "fp16, no scaling", "zh": "fp16，不缩放"},
        "train.precision.mode.fp16_scaled": {"en": "fp16 + GradScaler", "zh": "fp16 + GradScaler"},
        "train.precision.mode.bf16": {"en": "bf16", "zh": "bf16"},
        "train.precision.col.mode": {"en": "precision", "zh": "精度"},
        "train.precision.col.loss": {"en": "last loss", "zh": "最后的损失"},
        "train.precision.col.zeros": {"en": "zero gradients", "zh": "为 0 的梯度"},
        "train.precision.col.skipped": {"en": "skipped steps", "zh": "跳过的步数"},
        "train.precision.col.accuracy": {"en": "validation accuracy", "zh": "验证准确率"},
        "train.precision.summary": {
            "en": "Without scaling, **{fp16}** of the weight gradients were exactly zero, against {fp32} in FP32 "
            "(from ReLUs that did not fire and from dropout). Casting FP32's own gradients to FP16 would zero {cast} of its "
            "non-zero entries; the FP16 backward loses more because every gradient on the way back is FP16 too. "
            "With GradScaler: {scaled}.",
            "zh": "不缩放时，权重梯度中有 **{fp16}** 恰好为 0，而 FP32 中只有 {fp32}（来自没有激活的 ReLU 和 dropout）。"
            "把 FP32 自己的梯度转换成 FP16，会让其非零元素中的 {cast} 变成 0；FP16 反向传播丢得更多，"
            "因为回传路上的每个梯度也都是 FP16。使用 GradScaler：{scaled}。",
        },
        "train.precision.chart.loss": {"en": "Training loss", "zh": "训练损失"},
        "train.precision.chart.zeros": {"en": "Share of zero gradients", "zh": "为 0 的梯度占比"},
        "train.precision.chart.zero_share": {"en": "zero", "zh": "为 0"},
        "train.precision.chart.layer": {"en": "layer", "zh": "层"},
        "train.precision.chart.layers": {
            "en": "Exactly-zero gradient entries per layer and step: {mode}",
            "zh": "每层每步恰好为 0 的梯度元素：{mode}",
        },
        "train.precision.layers_of": {"en": "Per layer for", "zh": "逐层查看"},
        "train.race.header": {"en": "Device and precision race", "zh": "设备与精度竞速"},
        "train.race.intro": {
            "en": "One click times the same training step of the chosen model (settings from tab 3) on every device "
            "× precision this machine has, each from the same initial weights, with its peak memory, then trains "
            "each for a few steps with the same seed to show what the speed costs in validation accuracy.",
            "zh": "点一下，就在本机每种设备 × 精度上，用相同的初始权重为所选模型（设置来自第 3 个标签页）的同一训练步计时，"
            "并记录峰值内存；随后用相同的随机种子各训练几步，看速度在验证准确率上的代价。",
        },
        "train.race.steps": {"en": "Steps of the short run", "zh": "短训练的步数"},
        "train.race.run": {"en": "Race every device × precision", "zh": "让每种设备 × 精度竞速"},
        "train.race.gpu_note": {
            "en": "A CPU races fp32, bf16 and fp16; a CUDA GPU adds its fp32, tf32, fp16 and bf16 (this needs a GPU). "
            "Peak memory: on a GPU, torch.cuda.max_memory_allocated; on a CPU, how much the process's peak resident "
            "memory grew (Linux VmHWM; other sessions' runs on this server count too). The race holds one of the "
            "server's training slots and stops after two minutes.",
            "zh": "CPU 参赛的是 fp32、bf16 和 fp16；CUDA GPU 还会加上它的 fp32、tf32、fp16 和 bf16（这需要 GPU）。"
            "峰值内存：GPU 上是 torch.cuda.max_memory_allocated；CPU 上是进程峰值常驻内存的增长"
            "（Linux VmHWM；本服务器上其他会话的训练也会计入）。竞速占用服务器的一个训练名额，两分钟后停止。",
        },
        "train.race.none": {
            "en": "No race for these settings yet: press the button.",
            "zh": "这些设置还没有竞速结果：请点击按钮。",
        },
        "train.race.progress": {"en": "{done} of {total} combinations", "zh": "已完成 {done}/{total} 种组合"},
        "train.race.col.combo": {"en": "device · precision", "zh": "设备 · 精度"},
        "train.race.col.ms": {"en": "ms per step", "zh": "每步毫秒"},
        "train.race.col.rate": {"en": "images/s", "zh": "张图/秒"},
        "train.race.col.memory": {"en": "peak memory (MB)", "zh": "峰值内存（MB）"},
        "train.race.col.accuracy": {"en": "val. accuracy after {steps} steps", "zh": "{steps} 步后的验证准确率"},
        "train.race.col.note": {"en": "note", "zh": "说明"},
        "train.race.memory.cuda": {"en": "allocated", "zh": "已分配"},
        "train.race.memory.rss": {"en": "process", "zh": "进程"},
        "train.race.too_slow": {
            "en": "too slow here: the time is estimated from a step on 8 images",
            "zh": "在这里太慢：时间由 8 张图像的一步估算",
        },
        "train.race.out_of_time": {"en": "not run: the race's time was up", "zh": "未运行：竞速时间已到"},
        "train.race.failed": {"en": "could not run on this machine", "zh": "无法在本机运行"},
        "train.race.verdict": {
            "en": "Fastest here: **{fastest}**, {ratio}× the throughput of {base}. Validation accuracy after {steps} "
            "steps from the same seed: {acc} against {base_acc}.",
            "zh": "本机最快：**{fastest}**，吞吐量是 {base} 的 {ratio} 倍。从相同种子训练 {steps} 步后的验证准确率："
            "{acc}，对比 {base_acc}。",
        },
        "train.race.chart": {"en": "Training throughput per device × precision", "zh": "各设备 × 精度的训练吞吐量"},
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
