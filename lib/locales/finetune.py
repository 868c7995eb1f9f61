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
    "finetune.download.fallback": {
        "en": "The offline Shapes backbone still works.",
        "zh": "离线的 Shapes 主干网络仍然可用。",
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
    "finetune.error.class_name_empty": {
        "en": "Give the class a name first.",
        "zh": "请先给类别起个名字。",
    },
    "finetune.error.class_name_long": {
        "en": "Class names can have at most {most} characters.",
        "zh": "类别名称最多 {most} 个字符。",
    },
    "finetune.error.class_duplicate": {
        "en": "There is already a class '{existing}'; '{name}' would be the same class (case and spaces are ignored).",
        "zh": "已经有一个类别“{existing}”；“{name}”会被视为同一个类别（忽略大小写和空格）。",
    },
    "finetune.error.too_many_classes": {
        "en": "This playground allows at most {most} classes.",
        "zh": "本实验场最多允许 {most} 个类别。",
    },
    "finetune.error.no_class": {
        "en": "There is no class '{name}' any more; add it again.",
        "zh": "类别“{name}”已不存在；请重新添加。",
    },
    "finetune.error.class_full": {
        "en": "Class '{name}' can hold at most {most} images; remove some first.",
        "zh": "类别“{name}”最多容纳 {most} 张图像；请先删除一些。",
    },
    "finetune.error.need_two_classes": {
        "en": "A classifier needs at least two classes; you have {count}.",
        "zh": "分类器至少需要两个类别；你现在有 {count} 个。",
    },
    "finetune.error.empty_class": {
        "en": "These classes have no images yet: {names}. Add images or remove the classes.",
        "zh": "这些类别还没有图像：{names}。请添加图像或删除这些类别。",
    },
    "finetune.error.class_too_small": {
        "en": "Class '{name}' needs at least two images: one to learn from and one to check.",
        "zh": "类别“{name}”至少需要两张图像：一张用来学习，一张用来检验。",
    },
    "finetune.error.checkpoint_format": {
        "en": "This file is not a checkpoint this app can read: it should be a torch.save'd dict with "
        "'state_dict' and 'meta' (as exported by this app).",
        "zh": "这个文件不是本应用能读取的检查点：它应当是用 torch.save 保存的、含 'state_dict' 和 'meta' 的字典"
        "（即本应用导出的格式）。",
    },
    "finetune.error.checkpoint_model": {
        "en": "The checkpoint is for model '{model}', which this app does not know. Known models: {known}.",
        "zh": "该检查点对应的模型“{model}”本应用不认识。已知模型：{known}。",
    },
    "finetune.error.checkpoint_mismatch": {
        "en": "The checkpoint's weights do not fit the {model} architecture (missing, extra or differently shaped "
        "tensors): it was saved from another network.",
        "zh": "检查点中的权重与 {model} 结构不符（缺少、多余或形状不同的张量）：它来自另一个网络。",
    },
    "finetune.error.no_offline": {
        "en": "The offline backbone {path} is missing; create it with `python -m scripts.pretrain_backbone`.",
        "zh": "离线主干网络 {path} 不存在；请运行 `python -m scripts.pretrain_backbone` 生成。",
    },
    "finetune.intro": {
        "en": "A network pretrained on one task already knows edges, textures and parts. Fine-tuning keeps that body, gives it a new head for your classes and trains briefly — usually far better than starting from random weights when data is scarce. Try it, and race it against the same network trained from scratch.",
        "zh": "在一个任务上预训练过的网络已经认识边缘、纹理和部件。微调保留这个主体，为你的类别换上新的输出层并短暂训练——在数据很少时，通常远好于从随机权重开始。试一试，并让它与从零训练的同一网络比赛。",
    },
    "finetune.source.header": {
        "en": "1. Pretrained backbone",
        "zh": "1. 预训练主干网络",
    },
    "finetune.source.label": {
        "en": "Where do the weights come from?",
        "zh": "权重从哪里来？",
    },
    "finetune.source.offline": {
        "en": "Offline: our Shapes backbone",
        "zh": "离线：本项目的 Shapes 主干",
    },
    "finetune.source.online": {
        "en": "Online: torchvision ImageNet",
        "zh": "在线：torchvision ImageNet",
    },
    "finetune.source.checkpoint": {
        "en": "Your checkpoint",
        "zh": "你的检查点",
    },
    "finetune.source.online_model": {
        "en": "ImageNet model",
        "zh": "ImageNet 模型",
    },
    "finetune.source.not_cached": {
        "en": "The ImageNet weights of {name} ({mb:.1f} MB) are not on this machine yet.",
        "zh": "{name} 的 ImageNet 权重（{mb:.1f} MB）尚未在本机。",
    },
    "finetune.source.download": {
        "en": "Download the weights",
        "zh": "下载权重",
    },
    "finetune.source.downloading": {
        "en": "Downloading {name}…",
        "zh": "正在下载 {name}…",
    },
    "finetune.source.progress": {
        "en": "{mb:.1f} of {total:.1f} MB",
        "zh": "已下载 {mb:.1f} / {total:.1f} MB",
    },
    "finetune.source.upload": {
        "en": "A checkpoint (.pt) exported by this app",
        "zh": "本应用导出的检查点（.pt）",
    },
    "finetune.source.params": {
        "en": "Parameters",
        "zh": "参数量",
    },
    "finetune.source.input": {
        "en": "Native input",
        "zh": "原生输入尺寸",
    },
    "finetune.source.classes": {
        "en": "Pretraining classes",
        "zh": "预训练类别数",
    },
    "finetune.source.offline_acc": {
        "en": "Pretrained here on {data}; validation accuracy {acc:.1%}.",
        "zh": "在本项目中预训练于 {data}；验证准确率 {acc:.1%}。",
    },
    "finetune.source.offline_data": {
        "en": "Pretrained here on 40,000 Shapes-Rich images (64×64: ten shapes on cluttered, textured backgrounds); "
        "validation accuracy {acc:.1%}.",
        "zh": "在本项目中用 40,000 张 Shapes-Rich 图像预训练（64×64：杂乱、有纹理背景上的十种形状）；验证准确率 {acc:.1%}。",
    },
    "finetune.source.imagenet_acc": {
        "en": "ImageNet-1K top-1 accuracy reported by torchvision: {acc}%.",
        "zh": "torchvision 报告的 ImageNet-1K top-1 准确率：{acc}%。",
    },
    "finetune.target.header": {
        "en": "2. Target data",
        "zh": "2. 目标数据",
    },
    "finetune.target.label": {"en": "What should the network learn?", "zh": "网络要学什么？"},
    "finetune.target.builtin": {"en": "Built-in few-shot task", "zh": "内置小样本任务"},
    "finetune.target.zip": {"en": "An ImageFolder zip", "zh": "ImageFolder 压缩包"},
    "finetune.target.own": {"en": "Your classes, one by one", "zh": "逐个添加你的类别"},
    "finetune.target.builtin_help": {
        "en": "Six shapes the backbone never saw (heart, pentagon, ellipse, L-shape, semicircle, trapezoid), drawn in "
        "the same cluttered style, with only a few training images each; 30 held-out images per class for validation.",
        "zh": "主干网络从未见过的六种形状（心形、五边形、椭圆、L 形、半圆、梯形），以同样杂乱的风格绘制，"
        "每类只有少量训练图像；每类另有 30 张留出图像用于验证。",
    },
    "finetune.class.heart": {"en": "heart", "zh": "心形"},
    "finetune.class.pentagon": {"en": "pentagon", "zh": "五边形"},
    "finetune.class.ellipse": {"en": "ellipse", "zh": "椭圆"},
    "finetune.class.l_shape": {"en": "L-shape", "zh": "L 形"},
    "finetune.class.semicircle": {"en": "semicircle", "zh": "半圆"},
    "finetune.class.trapezoid": {"en": "trapezoid", "zh": "梯形"},
    "finetune.target.per_class": {"en": "Training images per class", "zh": "每类训练图像数"},
    "finetune.target.skipped": {
        "en": "{count} file(s) were skipped — see why",
        "zh": "跳过了 {count} 个文件——查看原因",
    },
    "finetune.target.zip_upload": {
        "en": "A zip with one folder per class (class_name/image.jpg)",
        "zh": "每个类别一个文件夹的压缩包（类别名/图像.jpg）",
    },
    "finetune.target.own_help": {
        "en": "Name a class, then add images to it by upload or with the camera. Two classes with a few images each are enough to start; a quarter of each class is kept aside for validation.",
        "zh": "给类别起名，然后通过上传或摄像头为它添加图像。两个类别、每类几张图像就可以开始；每个类别的四分之一留作验证。",
    },
    "finetune.target.class_name": {
        "en": "New class name",
        "zh": "新类别名称",
    },
    "finetune.target.add_class": {
        "en": "Add class",
        "zh": "添加类别",
    },
    "finetune.target.class_title": {
        "en": "{name} — {count} images",
        "zh": "{name} — {count} 张图像",
    },
    "finetune.target.upload": {
        "en": "Images of '{name}'",
        "zh": "“{name}”的图像",
    },
    "finetune.target.add_files": {
        "en": "Add {count} file(s)",
        "zh": "添加 {count} 个文件",
    },
    "finetune.target.use_camera": {
        "en": "Use the camera",
        "zh": "使用摄像头",
    },
    "finetune.camera.help": {
        "en": "Hold **Record** to take {fps} frames a second (at most {most} per hold), or press **Burst** for a set number of frames. They go to '{name}'; remove bad ones below.",
        "zh": "按住 **录制** 每秒拍 {fps} 帧（每次最多 {most} 帧），或按 **连拍** 拍固定数量的帧。它们会加入“{name}”；不好的帧可在下方删除。",
    },
    "finetune.camera.burst_size": {
        "en": "Frames per burst",
        "zh": "每次连拍的帧数",
    },
    "finetune.camera.hold": {
        "en": "Hold to record",
        "zh": "按住录制",
    },
    "finetune.camera.burst": {
        "en": "Burst of {count}",
        "zh": "连拍 {count} 帧",
    },
    "finetune.camera.recording": {
        "en": "Recording: {count} frame(s)",
        "zh": "录制中：{count} 帧",
    },
    "finetune.camera.no_camera": {
        "en": "No camera available here (none found, or permission refused). You can still upload photos.",
        "zh": "这里没有可用的摄像头（未找到或未获准使用）。你仍然可以上传照片。",
    },
    "finetune.camera.bad_burst": {
        "en": "The camera sent something that is not a burst of frames; nothing was added.",
        "zh": "摄像头发来的不是一组帧；没有添加任何内容。",
    },
    "finetune.camera.refused": {
        "en": "{count} frame(s) of the burst were refused (not an image, too large, or over {most} per burst).",
        "zh": "这次连拍中有 {count} 帧被拒绝（不是图像、太大，或超过每次 {most} 帧）。",
    },
    "finetune.camera.over_class": {
        "en": "'{name}' is full ({most} images): {count} frame(s) were not kept.",
        "zh": "“{name}”已满（{most} 张图像）：有 {count} 帧没有保留。",
    },
    "finetune.camera.over_total": {
        "en": "Your classes hold at most {most} images in all: {count} frame(s) were not kept. Remove some to make room.",
        "zh": "所有类别合计最多 {most} 张图像：有 {count} 帧没有保留。删除一些以腾出空间。",
    },
    "finetune.camera.undo": {
        "en": "Remove the last burst ({count})",
        "zh": "删除上一次连拍（{count} 帧）",
    },
    "finetune.target.added": {
        "en": "Added {count} image(s) to '{name}'.",
        "zh": "已向“{name}”添加 {count} 张图像。",
    },
    "finetune.target.remove": {
        "en": "Images to remove (by number)",
        "zh": "要删除的图像（按编号）",
    },
    "finetune.target.remove_button": {
        "en": "Remove {count} image(s)",
        "zh": "删除 {count} 张图像",
    },
    "finetune.target.delete_class": {
        "en": "Delete this class",
        "zh": "删除这个类别",
    },
    "finetune.target.need_classes": {
        "en": "Add at least two classes to fine-tune.",
        "zh": "请至少添加两个类别再微调。",
    },
    "finetune.target.summary": {
        "en": "{train} training and {val} validation images in {classes} classes.",
        "zh": "{classes} 个类别，{train} 张训练图像和 {val} 张验证图像。",
    },
    "finetune.settings.header": {
        "en": "3. How to fine-tune",
        "zh": "3. 如何微调",
    },
    "finetune.settings.freeze": {
        "en": "Freeze",
        "zh": "冻结",
    },
    "finetune.settings.freeze_none": {
        "en": "nothing",
        "zh": "不冻结",
    },
    "finetune.settings.freeze_body": {
        "en": "all but the head",
        "zh": "除输出层外全部",
    },
    "finetune.settings.freeze_stages": {
        "en": "up to stage k",
        "zh": "冻结到第 k 个阶段",
    },
    "finetune.settings.freeze_k": {
        "en": "Stages to freeze (from the input)",
        "zh": "要冻结的阶段数（从输入端算起）",
    },
    "finetune.settings.frozen_list": {
        "en": "Frozen: {stages}",
        "zh": "已冻结：{stages}",
    },
    "finetune.settings.optimizer": {
        "en": "Optimizer",
        "zh": "优化器",
    },
    "finetune.settings.lr": {
        "en": "Body learning rate",
        "zh": "主体学习率",
    },
    "finetune.settings.head_mult": {
        "en": "Head LR multiplier",
        "zh": "输出层学习率倍数",
    },
    "finetune.settings.epochs": {
        "en": "Epochs",
        "zh": "轮数",
    },
    "finetune.settings.size": {
        "en": "Input size (pixels)",
        "zh": "输入尺寸（像素）",
    },
    "finetune.settings.size_note": {
        "en": "Images are resized to {size}×{size}; the backbone was pretrained at {native}×{native}. Smaller is faster on a CPU; far from the native size the pretrained features fit less well.",
        "zh": "图像会缩放到 {size}×{size}；主干网络预训练时为 {native}×{native}。更小在 CPU 上更快；离原生尺寸越远，预训练特征越不适配。",
    },
    "finetune.settings.groups": {
        "en": "Body learns at {body_lr:g}, the new head at {head_lr:g}. Frozen: {frozen}.",
        "zh": "主体学习率 {body_lr:g}，新输出层学习率 {head_lr:g}。已冻结：{frozen}。",
    },
    "finetune.settings.training": {"en": "Training", "zh": "训练"},
    "finetune.settings.scratch_lr": {"en": "Scratch learning rate", "zh": "从零训练的学习率"},
    "finetune.settings.scratch_auto": {"en": "auto (LR range test)", "zh": "自动（学习率范围测试）"},
    "finetune.settings.precision_auto": {
        "en": "Precision: {precision}, picked automatically. {reason}",
        "zh": "精度：{precision}（自动选择）。{reason}",
    },
    "finetune.settings.precision_chosen": {
        "en": "Precision: {precision}, as you chose.",
        "zh": "精度：{precision}（你的选择）。",
    },
    "finetune.aug.header": {
        "en": "Augmentation (with preview)",
        "zh": "数据增强（含预览）",
    },
    "finetune.aug.on": {
        "en": "Augment training images",
        "zh": "增强训练图像",
    },
    "finetune.aug.scale": {
        "en": "Smallest crop area",
        "zh": "最小裁剪面积",
    },
    "finetune.aug.ratio": {
        "en": "Crop aspect ratio",
        "zh": "裁剪宽高比",
    },
    "finetune.aug.rotation": {
        "en": "Rotation ± (degrees)",
        "zh": "旋转 ±（度）",
    },
    "finetune.aug.brightness": {
        "en": "Brightness",
        "zh": "亮度",
    },
    "finetune.aug.contrast": {
        "en": "Contrast",
        "zh": "对比度",
    },
    "finetune.aug.saturation": {
        "en": "Saturation",
        "zh": "饱和度",
    },
    "finetune.aug.hue": {
        "en": "Hue",
        "zh": "色调",
    },
    "finetune.aug.hflip": {
        "en": "Horizontal flip",
        "zh": "水平翻转",
    },
    "finetune.aug.vflip": {
        "en": "Vertical flip",
        "zh": "垂直翻转",
    },
    "finetune.aug.reshuffle": {
        "en": "New random draws",
        "zh": "重新随机",
    },
    "finetune.aug.original": {
        "en": "original",
        "zh": "原图",
    },
    "finetune.run.need_data": {
        "en": "Choose data in step 2 to train: add at least two classes, or upload a zip.",
        "zh": "请先在第 2 步选择数据：至少添加两个类别，或上传压缩包。",
    },
    "finetune.script.download": {"en": "Download as a Python script", "zh": "下载为 Python 脚本"},
    "finetune.script.caption": {
        "en": "One self-contained file that reproduces the fine-tuned run with plain PyTorch, without this app: the "
        "same data, new head, freezing, learning rates, augmentation, precision and device (the from-scratch run of "
        "the race is not in it). It prints a line per epoch and saves a checkpoint this page and the Train page can "
        "load. For a quick try: `python {file} --epochs 1 --limit 64`.",
        "zh": "一个独立的文件，不依赖本应用、只用 PyTorch 复现微调这一路训练：相同的数据、新输出层、冻结方式、学习率、"
        "数据增强、精度和设备（对比中从零训练的那一路不在其中）。它每轮打印一行结果，并保存本页和“训练”页都能加载的"
        "检查点。快速试一下：`python {file} --epochs 1 --limit 64`。",
    },
    "finetune.script.folder": {
        "en": "Your images stay on this page: put them in one folder per class and pass it with `--images`.",
        "zh": "你的图像不会放进脚本：请按类别各放一个文件夹，并用 `--images` 指定上层文件夹。",
    },
    "finetune.script.backbone_offline": {
        "en": "It starts from the pretrained weights (the button beside it): pass that file with `--backbone`.",
        "zh": "它从预训练权重开始（旁边的按钮可下载）：请用 `--backbone` 指定该文件。",
    },
    "finetune.script.backbone_online": {
        "en": "It downloads the ImageNet weights itself (once, into torch.hub's cache).",
        "zh": "它会自行下载 ImageNet 权重（只下载一次，保存在 torch.hub 的缓存中）。",
    },
    "finetune.script.backbone_checkpoint": {
        "en": "It starts from the checkpoint you uploaded: pass that file with `--backbone`.",
        "zh": "它从你上传的检查点开始：请用 `--backbone` 指定该文件。",
    },
    "finetune.script.weights": {"en": "Download the pretrained weights (.pt)", "zh": "下载预训练权重（.pt）"},
    "finetune.summary": {
        "en": "Fine-tune {model} on {classes} classes ({train} training, {val} validation images) for {epochs} "
        "epochs, freezing {freeze}: body LR {lr:g}, head LR {head_lr:g}. The same network from random weights "
        "trains on the same data with LR {scratch}.",
        "zh": "在 {classes} 个类别（{train} 张训练图像、{val} 张验证图像）上微调 {model} {epochs} 轮，冻结：{freeze}；"
        "主体学习率 {lr:g}，输出层学习率 {head_lr:g}。同一网络从随机权重开始，在相同数据上以学习率 {scratch} 训练。",
    },
    "finetune.summary.scratch_auto": {
        "en": "chosen by a range test when its run starts",
        "zh": "（开始时由范围测试选出）",
    },
    "finetune.summary.stages": {"en": "the first {k} stages", "zh": "前 {k} 个阶段"},
    "finetune.run.accuracy": {
        "en": "Validation accuracy",
        "zh": "验证准确率",
    },
    "finetune.run.loss": {
        "en": "Validation loss",
        "zh": "验证损失",
    },
    "finetune.run.train_loss": {"en": "Training loss (smoothed)", "zh": "训练损失（平滑）"},
    "finetune.run.step": {"en": "step", "zh": "步"},
    "finetune.run.epoch": {
        "en": "epoch",
        "zh": "轮",
    },
    "finetune.run.finetune": {
        "en": "fine-tuned",
        "zh": "微调",
    },
    "finetune.run.scratch": {
        "en": "from scratch",
        "zh": "从零训练",
    },
    "finetune.results.gap": {
        "en": "Gap (fine-tuned − scratch)",
        "zh": "差距（微调 − 从零）",
    },
    "finetune.results.scratch_lr": {
        "en": "The scratch run trained at LR {lr:.2g}: a learning-rate range test (Smith, 2017) raised the LR "
        "step by step from 0.00001 to 1 on a copy of the network, and this is the LR of the lowest loss divided "
        "by {div:g} — fast, but safely below where the loss blows up. A fair race: no straw man.",
        "zh": "从零训练使用的学习率为 {lr:.2g}：学习率范围测试（Smith，2017）在网络副本上把学习率从 0.00001 "
        "逐步升到 1，取损失最低处的学习率再除以 {div:g}——足够快，又安全地低于损失爆炸的位置。这样比赛才公平。",
    },
    "finetune.results.memorised": {
        "en": "The scratch run did learn — its training images: {train:.0%} right, against {chance:.0%} by chance for "
        "{classes} classes. On new images it scores {val:.0%}, about chance: from random weights, this few images "
        "are memorised rather than understood. The fine-tuned network brings features it learned on many images, "
        "and that is what carries over.",
        "zh": "从零训练的网络确实学到了东西——它的训练图像：答对 {train:.0%}，而 {classes} 个类别随机猜只有 "
        "{chance:.0%}。在新图像上它只有 {val:.0%}，约等于随机：从随机权重出发，这么少的图像只会被记住，"
        "而不会被理解。微调的网络带来了在大量图像上学到的特征，正是这些特征能迁移到新图像上。",
    },
    "finetune.results.scratch_lr_fixed": {
        "en": "The scratch run trained at the LR you chose: {lr:g}.",
        "zh": "从零训练使用了你选择的学习率：{lr:g}。",
    },
    "finetune.results.change_axis": {"en": "relative change ‖ΔW‖ / ‖W‖", "zh": "相对变化 ‖ΔW‖ / ‖W‖"},
    "finetune.results.layer": {"en": "layer", "zh": "层"},
    "finetune.results.body_frozen": {
        "en": "Every body layer was frozen (grey bars at zero), so only the new head learned: it moved "
        '{head:.0%} from its random start. To see how far pretrained layers move, choose "nothing" or "up to '
        'stage k" under Freeze in step 3 and train again.',
        "zh": "主体的每一层都被冻结了（灰色柱为零），所以只有新的输出层在学习：它相对随机初值变化了 {head:.0%}。"
        "想看预训练层移动多少，请在第 3 步的“冻结”中选择“不冻结”或“冻结到第 k 个阶段”，再训练一次。",
    },
    "finetune.results.changed": {
        "en": "What changed in the body",
        "zh": "主体中哪些权重变了",
    },
    "finetune.results.changed_note": {
        "en": "Mean relative change: {low:.2%} in the first half of the layers, {high:.2%} in the second half. Frozen layers do not move at all; with a small learning rate the lower layers barely move either.",
        "zh": "平均相对变化：前一半层 {low:.2%}，后一半层 {high:.2%}。冻结的层完全不变；学习率较小时，低层也几乎不动。",
    },
    "finetune.results.per_class": {
        "en": "Per class (fine-tuned)",
        "zh": "每类结果（微调）",
    },
    "finetune.results.class": {
        "en": "class",
        "zh": "类别",
    },
    "finetune.results.accuracy": {
        "en": "accuracy",
        "zh": "准确率",
    },
    "finetune.results.count": {
        "en": "images",
        "zh": "图像数",
    },
    "finetune.results.predicted": {
        "en": "predicted",
        "zh": "预测",
    },
    "finetune.results.true": {
        "en": "true",
        "zh": "真实",
    },
    "finetune.results.predict": {
        "en": "Your photo",
        "zh": "你的照片",
    },
    "finetune.results.upload": {
        "en": "An image to classify",
        "zh": "要分类的图像",
    },
    "finetune.results.predict_help": {
        "en": "Upload a photo: both models answer with one of the classes they were trained on.",
        "zh": "上传一张照片：两个模型都会从它们训练过的类别中给出一个答案。",
    },
    "finetune.results.seen": {"en": "what the model sees ({size}×{size})", "zh": "模型看到的图像（{size}×{size}）"},
    "finetune.results.p": {"en": "probability", "zh": "概率"},
    "finetune.results.ood_flag": {
        "en": "Unlike the training data: score {score:.2f} < threshold {threshold:.2f}.",
        "zh": "与训练数据不同：得分 {score:.2f} < 阈值 {threshold:.2f}。",
    },
    "finetune.results.ood_ok": {
        "en": "Like the training data: score {score:.2f} ≥ threshold {threshold:.2f}.",
        "zh": "与训练数据相似：得分 {score:.2f} ≥ 阈值 {threshold:.2f}。",
    },
    "finetune.results.ood_meaning": {
        "en": "The score is logsumexp of the model's outputs (its negative energy): images like those it trained on "
        "score high. The threshold is the score {keep:.0%} of the validation images reach; below it, the "
        "probabilities above are a guess, however confident they look.",
        "zh": "得分是模型输出的 logsumexp（负能量）：与训练图像相似的图像得分高。阈值是 {keep:.0%} 的验证图像都能达到的"
        "得分；低于它时，上面的概率只是猜测，无论看起来多么自信。",
    },
    "finetune.results.ood_way": {
        "en": "This photo is unlike anything the model learned, and it can only answer with one of its {classes} "
        "classes. For a meaningful answer, train on your own photos (step 2: your classes or a zip), or, online, "
        "start from ImageNet weights (step 1), whose 1,000 classes cover everyday objects.",
        "zh": "这张照片与模型学过的任何东西都不同，而它只能回答它的 {classes} 个类别之一。想得到有意义的答案，"
        "请用你自己的照片训练（第 2 步：你的类别或压缩包），或在联网时从 ImageNet 权重开始（第 1 步），"
        "它的 1000 个类别涵盖日常物体。",
    },
    "finetune.results.export": {
        "en": "Export",
        "zh": "导出",
    },
    "finetune.results.download": {
        "en": "Download checkpoint ({mb:.1f} MB)",
        "zh": "下载检查点（{mb:.1f} MB）",
    },
    "finetune.error.not_rgb": {
        "en": "This checkpoint expects {channels}-channel images, but fine-tuning here uses colour (3-channel) images. "
        "Train an RGB model on the Train page to use it here.",
        "zh": "该检查点需要 {channels} 通道的图像，而这里的微调使用彩色（3 通道）图像。请在训练页面训练一个 RGB 模型再来使用。",
    },
}
