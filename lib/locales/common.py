"""Strings shared by the app shell, Home, and every page's error handling."""

STRINGS = {
    "app.title": {"en": "DL Playground", "zh": "深度学习游乐场"},
    # The same in both languages: the picker's label must not change when it is used.
    "app.language": {"en": "Language · 语言", "zh": "Language · 语言"},
    "app.device": {"en": "Device: **{device}**", "zh": "设备：**{device}**"},
    "app.precisions": {"en": "Precisions: {precisions}", "zh": "可用精度：{precisions}"},
    "nav.section.start": {"en": "Start", "zh": "开始"},
    "nav.section.basics": {"en": "Foundations", "zh": "基础"},
    "nav.section.models": {"en": "Models", "zh": "模型"},
    "page.home.title": {"en": "Home", "zh": "首页"},
    "page.home.summary": {
        "en": "What the playground is and what runs on this machine.",
        "zh": "介绍本游乐场，以及本机可以运行什么。",
    },
    "page.number_formats.title": {"en": "Number formats", "zh": "数值格式"},
    "page.number_formats.summary": {
        "en": "See FP64 to FP8 bit by bit: range, precision, rounding, and why mixed precision needs loss scaling.",
        "zh": "逐位查看 FP64 到 FP8：范围、精度、舍入，以及混合精度为何需要损失缩放。",
    },
    "page.convolution.title": {"en": "Convolution & pooling", "zh": "卷积与池化"},
    "page.convolution.summary": {
        "en": "Compute output sizes, step through convolution and pooling window by window, trace whole networks.",
        "zh": "计算输出尺寸，逐个窗口演示卷积与池化，逐层追踪整个网络。",
    },
    "page.tensors.title": {"en": "Tensors & broadcasting", "zh": "张量与广播"},
    "page.tensors.summary": {
        "en": "Make shapes visible: broadcasting rules, matmul, common ops, autograd, preprocessing with pandas.",
        "zh": "让形状看得见：广播规则、矩阵乘法、常用操作、自动求导、用 pandas 预处理数据。",
    },
    "page.train.title": {"en": "Train a CNN", "zh": "训练 CNN"},
    "page.train.summary": {
        "en": "Pick data, model, optimizer and precision; watch it learn live; evaluate and predict on your photo.",
        "zh": "选择数据、模型、优化器和精度；实时观看学习过程；评估并预测你的照片。",
    },
    "page.finetune.title": {"en": "Fine-tuning", "zh": "微调"},
    "page.finetune.summary": {
        "en": "Start from pretrained weights, freeze and re-head, and compare with training from scratch.",
        "zh": "从预训练权重出发，冻结并替换输出层，与从零训练比较。",
    },
    "page.detection.title": {"en": "Object detection (SSD)", "zh": "目标检测（SSD）"},
    "page.detection.summary": {
        "en": "Anchors, IoU, labeling and NMS step by step, then detect objects in your own photos.",
        "zh": "逐步演示锚框、IoU、标注与 NMS，然后在你自己的照片中检测目标。",
    },
    "home.intro": {
        "en": "A hands-on tour of deep-learning fundamentals with real PyTorch. Every number on these pages "
        "is computed live by the code, and every result comes with the PyTorch snippet that reproduces it.",
        "zh": "用真实的 PyTorch 动手学习深度学习基础。页面上的每个数字都由代码实时计算，"
        "每个结果都附有可复现它的 PyTorch 代码。",
    },
    "home.pages": {"en": "Lessons", "zh": "课程"},
    "home.open": {"en": "Open {title}", "zh": "打开「{title}」"},
    "home.machine": {"en": "This machine", "zh": "本机"},
    "home.devices": {"en": "Devices", "zh": "设备"},
    "home.default_device": {"en": "Default device", "zh": "默认设备"},
    "home.precisions": {"en": "Training precisions", "zh": "训练精度"},
    "home.precision_notes": {"en": "What each precision means here", "zh": "各精度在本机的含义"},
    "home.versions": {"en": "Library versions", "zh": "库版本"},
    "home.library": {"en": "Library", "zh": "库"},
    "home.version": {"en": "Version", "zh": "版本"},
    "home.offline": {
        "en": "Everything works offline: procedural datasets are generated on the fly and small weights "
        "trained by this project ship with it. Downloads (CIFAR-10, MNIST, ImageNet/COCO weights) are "
        "optional extras for when you are online.",
        "zh": "一切都可离线使用：程序化数据集即时生成，本项目训练的小模型权重随应用一起发布。"
        "下载（CIFAR-10、MNIST、ImageNet/COCO 权重）是联网时的可选内容。",
    },
    "precision.fp32": {"en": "FP32: full single precision, works everywhere.", "zh": "FP32：完整单精度，处处可用。"},
    "precision.tf32": {
        "en": "TF32: FP32 matmuls on tensor cores with a 10-bit mantissa (NVIDIA Ampere or newer).",
        "zh": "TF32：在张量核心上以 10 位尾数执行 FP32 矩阵乘法（NVIDIA Ampere 及更新架构）。",
    },
    "precision.fp16": {
        "en": "FP16: autocast with loss scaling (GradScaler) against gradient underflow.",
        "zh": "FP16：自动混合精度，并用损失缩放（GradScaler）防止梯度下溢。",
    },
    "precision.bf16": {
        "en": "BF16: autocast with FP32's range; no loss scaling needed.",
        "zh": "BF16：自动混合精度，拥有 FP32 的数值范围，无需损失缩放。",
    },
    "precision.auto": {"en": "auto ({precision})", "zh": "自动（{precision}）"},
    "precision.auto.cuda_bf16": {
        "en": "This GPU has bf16 tensor cores: bf16 keeps FP32's range at half the bytes and trains fastest.",
        "zh": "此 GPU 有 bf16 张量核心：bf16 保留 FP32 的范围、字节减半，训练最快。",
    },
    "precision.auto.cuda_fp16": {
        "en": "This GPU has no bf16 units: fp16 with a loss scaler (GradScaler) is its fastest precision.",
        "zh": "此 GPU 没有 bf16 单元：fp16 配合损失缩放（GradScaler）是它最快的精度。",
    },
    "precision.auto.mps": {
        "en": "Apple GPUs run fp16 natively, so fp16 autocast is the fastest precision there.",
        "zh": "Apple GPU 原生支持 fp16，因此 fp16 自动混合精度在其上最快。",
    },
    "precision.auto.cpu_bf16": {
        "en": "This CPU computes bf16 in hardware (AMX / AVX-512-BF16), so bf16 autocast trains several times faster than fp32.",
        "zh": "此 CPU 以硬件计算 bf16（AMX / AVX-512-BF16），因此 bf16 自动混合精度比 fp32 训练快数倍。",
    },
    "precision.auto.cpu_fp32": {
        "en": "This CPU has no bf16 hardware (no AMX or AVX-512-BF16): bf16 would be emulated and slower, so fp32.",
        "zh": "此 CPU 没有 bf16 硬件（无 AMX 或 AVX-512-BF16）：bf16 只能模拟、反而更慢，所以用 fp32。",
    },
    "precision.unavailable": {
        "en": "Not available for fast training here: {precisions} (TF32 needs an NVIDIA Ampere+ GPU; FP16 is fast "
        "only on GPUs — the Train page still runs it on a CPU for its loss-scaler lesson).",
        "zh": "本机无法用于快速训练：{precisions}（TF32 需要 NVIDIA Ampere 及以上 GPU；FP16 只在 GPU 上快——"
        "“训练”页仍可在 CPU 上运行它，用于损失缩放的课程）。",
    },
    "common.code": {"en": "PyTorch code", "zh": "PyTorch 代码"},
    # what an empty multiselect shows: Streamlit's own text is English
    "common.choose": {"en": "Choose options", "zh": "请选择"},
    "common.error.unexpected": {
        "en": "Something went wrong ({kind}: {detail}). Your inputs are kept; try other values.",
        "zh": "出了点问题（{kind}：{detail}）。你的输入已保留，请尝试其他数值。",
    },
    "common.error.oom": {
        "en": "Out of memory. Try a smaller size or batch.",
        "zh": "内存不足。请尝试更小的尺寸或批量。",
    },
    # uploaded checkpoints (lib/checkpoints.py, used by Train and Fine-tuning)
    "checkpoint.error.meta_text": {
        "en": "The checkpoint's metadata “{field}” should be a text of at most {limit} characters.",
        "zh": "检查点元数据“{field}”应为不超过 {limit} 个字符的文本。",
    },
    "checkpoint.error.meta_integer": {
        "en": "The checkpoint's metadata “{field}” should be a whole number from {low} to {high}.",
        "zh": "检查点元数据“{field}”应为 {low} 到 {high} 之间的整数。",
    },
    "checkpoint.error.meta_number": {
        "en": "The checkpoint's metadata “{field}” should be a number.",
        "zh": "检查点元数据“{field}”应为一个数。",
    },
    "checkpoint.error.meta_channels": {
        "en": "The checkpoint's metadata “{field}” should be a list of {count} numbers, one per input channel"
        " (a standard deviation must be above 0).",
        "zh": "检查点元数据“{field}”应为 {count} 个数的列表，每个输入通道一个（标准差必须大于 0）。",
    },
    "checkpoint.error.meta_classes": {
        "en": "The checkpoint's metadata “classes” should be a list of 1 to {limit} class names, each a text of "
        "at most {length} characters.",
        "zh": "检查点元数据“classes”应为 1 到 {limit} 个类别名的列表，每个类别名是不超过 {length} 个字符的文本。",
    },
    "checkpoint.error.meta_metrics": {
        "en": "The checkpoint's metadata “metrics” should pair at most {limit} short names with numbers.",
        "zh": "检查点元数据“metrics”应为最多 {limit} 个“简短名称: 数值”的对应。",
    },
    "checkpoint.error.meta_extra": {
        "en": "The checkpoint's metadata “{field}” is too large (over {limit} characters as JSON).",
        "zh": "检查点元数据“{field}”过大（JSON 形式超过 {limit} 个字符）。",
    },
    "checkpoint.error.tensor_storage": {
        "en": "The tensor {name} claims {claimed:,} values but its file holds only {stored:,}: refused (its data "
        "would be repeated, not stored).",
        "zh": "张量 {name} 声称有 {claimed:,} 个值，但文件中只存了 {stored:,} 个：已拒绝（其数据是重复出来的，不是存下来的）。",
    },
    "checkpoint.error.too_many_parameters": {
        "en": "The model this checkpoint describes needs {mb:,} MB of parameters; the limit here is {limit:,} MB.",
        "zh": "该检查点描述的模型需要 {mb:,} MB 参数；这里的上限是 {limit:,} MB。",
    },
    "device.cpu": {"en": "CPU ({threads} threads)", "zh": "CPU（{threads} 个线程）"},
    "device.cpu_one": {"en": "CPU (1 thread)", "zh": "CPU（1 个线程）"},
    "device.error.unknown": {
        "en": "Device {device!r} is not available here; choose one of: {choices}.",
        "zh": "本机没有设备 {device!r}；请从以下选择：{choices}。",
    },
    "device.error.precision": {
        "en": "{precision} is not supported on {device}; supported: {choices}.",
        "zh": "{device} 不支持 {precision}；支持：{choices}。",
    },
    "image.error.empty": {"en": "The file is empty.", "zh": "文件是空的。"},
    "image.error.too_big_file": {
        "en": "The file is {size_mb:.1f} MB; the limit is {limit_mb} MB.",
        "zh": "文件大小为 {size_mb:.1f} MB，上限为 {limit_mb} MB。",
    },
    "image.error.not_image": {
        "en": "This is not an image we can read. Use JPEG, PNG, GIF, BMP, WebP or TIFF.",
        "zh": "无法识别为图像。请使用 JPEG、PNG、GIF、BMP、WebP 或 TIFF。",
    },
    "image.error.too_many_pixels": {
        "en": "The image is {width}×{height} pixels; the limit is {limit_mp} megapixels.",
        "zh": "图像为 {width}×{height} 像素，上限为 {limit_mp} 百万像素。",
    },
    "image.error.bomb": {
        "en": "The image claims dimensions so large that decoding it could exhaust memory; the limit is {limit_mp} megapixels.",
        "zh": "该图像声明的尺寸过大，解码可能耗尽内存；上限为 {limit_mp} 百万像素。",
    },
    "image.error.too_many_scans": {
        "en": "This JPEG is stored in {scans} progressive passes (cameras and editors write at most a few dozen; the "
        "limit is {limit}). Decoding it would take very long: save it again as an ordinary JPEG or PNG.",
        "zh": "该 JPEG 以 {scans} 次渐进扫描存储（相机和编辑软件最多写几十次；上限为 {limit}）。"
        "解码会非常耗时：请重新保存为普通 JPEG 或 PNG。",
    },
    "image.error.too_slow": {
        "en": "Decoding this image took more than {seconds:.0f} seconds, so it was stopped. Save it again as an "
        "ordinary JPEG or PNG, or make it smaller.",
        "zh": "解码该图像超过 {seconds:.0f} 秒，已被停止。请重新保存为普通 JPEG 或 PNG，或缩小它。",
    },
    "image.error.busy": {
        "en": "The server is busy decoding other images; try again in a moment.",
        "zh": "服务器正忙于解码其他图像，请稍后再试。",
    },
    "image.error.batch_pixels": {
        "en": "Together with the photos before it, this one goes past {limit_mp} megapixels for one batch: add it "
        "in another batch, or shrink the photos.",
        "zh": "加上前面的照片，这张使本批合计超过 {limit_mp} 百万像素：请分批添加，或缩小照片。",
    },
    "image.error.stopped": {
        "en": "Decoding was stopped because the session ended.",
        "zh": "会话已结束，解码已停止。",
    },
    "image.error.corrupt": {
        "en": "The image is damaged or truncated and cannot be decoded ({detail}).",
        "zh": "图像已损坏或被截断，无法解码（{detail}）。",
    },
}
