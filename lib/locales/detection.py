"""Strings for the object-detection page (anchors, IoU, labeling, NMS, detection) and its errors."""

STRINGS = {
    "detection.tab.anchors": {"en": "Anchor explorer", "zh": "锚框浏览"},
    "detection.tab.iou": {"en": "IoU playground", "zh": "IoU 练习场"},
    "detection.tab.labeling": {"en": "Labeling anchors", "zh": "标注锚框"},
    "detection.tab.nms": {"en": "NMS step by step", "zh": "逐步 NMS"},
    "detection.tab.detect": {"en": "Detect", "zh": "检测"},
    "detection.tab.train": {"en": "Train TinySSD", "zh": "训练 TinySSD"},
    "detection.tab.own": {"en": "Your objects", "zh": "你的物体"},
    "detection.image.builtin": {"en": "Built-in picture", "zh": "内置图片"},
    "detection.image.upload": {"en": "…or upload a photo", "zh": "……或上传一张照片"},
    "detection.sample.landscape": {
        "en": "Landscape (561×728, the size of d2l's cat-and-dog photo)",
        "zh": "风景（561×728，d2l 猫狗照片的尺寸）",
    },
    "detection.sample.shapes": {"en": "Shapes-Detect scene {n}", "zh": "Shapes-Detect 场景 {n}"},
    "detection.anchor.intro": {
        "en": "An anchor of size s and ratio r is a box s·√r wide and s/√r high (as fractions of the image), "
        "centred on a pixel. Each pixel gets every size with the first ratio and the first size with every other "
        "ratio: n + m − 1 anchors.",
        "zh": "尺寸为 s、宽高比为 r 的锚框宽 s·√r、高 s/√r（以图像比例计），中心在一个像素上。每个像素得到"
        "所有尺寸配第一个宽高比、以及第一个尺寸配其余宽高比：共 n + m − 1 个锚框。",
    },
    "detection.anchor.mode": {"en": "Show", "zh": "显示"},
    "detection.anchor.mode.pixel": {"en": "Anchors of one pixel", "zh": "一个像素的锚框"},
    "detection.anchor.mode.layout": {"en": "Multi-scale layout", "zh": "多尺度布局"},
    "detection.anchor.fmap_h": {"en": "Feature-map height", "zh": "特征图高度"},
    "detection.anchor.fmap_w": {"en": "Feature-map width", "zh": "特征图宽度"},
    "detection.anchor.sizes": {"en": "Sizes (comma-separated, 0–1)", "zh": "尺寸（逗号分隔，0–1）"},
    "detection.anchor.ratios": {"en": "Ratios (comma-separated)", "zh": "宽高比（逗号分隔）"},
    "detection.anchor.row": {"en": "Pixel row", "zh": "像素行"},
    "detection.anchor.col": {"en": "Pixel column", "zh": "像素列"},
    "detection.anchor.count": {"en": "Anchors on the whole map", "zh": "整张特征图上的锚框数"},
    "detection.anchor.count_formula": {
        "en": "{h} × {w} pixels × ({n} + {m} − 1 = {per}) anchors per pixel = {total} (the shape multibox_prior returned)",
        "zh": "{h} × {w} 个像素 × 每像素 ({n} + {m} − 1 = {per}) 个锚框 = {total}（multibox_prior 返回的形状）",
    },
    "detection.anchor.layout_caption": {
        "en": "d2l's layout: small anchors on a large feature map find small objects, large anchors on a small "
        "map find large ones (ratios 1, 2, 0.5).",
        "zh": "d2l 的布局：大特征图上的小锚框检测小物体，小特征图上的大锚框检测大物体（宽高比 1、2、0.5）。",
    },
    "detection.anchor.layout_item": {
        "en": "{side}×{side} map, size {size}: {count} anchors",
        "zh": "{side}×{side} 特征图，尺寸 {size}：{count} 个锚框",
    },
    "detection.iou.intro": {
        "en": "IoU (Jaccard index) = intersection area / union area. Move the two boxes (coordinates are fractions "
        "of the image).",
        "zh": "IoU（Jaccard 指数）= 交集面积 / 并集面积。移动两个框（坐标为图像比例）。",
    },
    "detection.iou.box": {"en": "Box {name}", "zh": "框 {name}"},
    "detection.iou.intersection": {"en": "intersection", "zh": "交集"},
    "detection.iou.areas": {
        "en": "Intersection {inter}, union {union}: IoU = {inter} / {union} = {iou}",
        "zh": "交集 {inter}，并集 {union}：IoU = {inter} / {union} = {iou}",
    },
    "detection.iou.check": {
        "en": "torchvision.ops.box_iou gives {value}",
        "zh": "torchvision.ops.box_iou 得到 {value}",
    },
    "detection.label.intro": {
        "en": "Edit the ground-truth boxes and the anchors. First the greedy pass: the largest IoU left pairs its "
        "anchor and box, and that row and column are discarded, once per box. Then every other anchor whose best "
        "IoU reaches the threshold takes that box; the rest are background.",
        "zh": "编辑真实框和锚框。先是贪心阶段：剩余矩阵中最大的 IoU 把它的锚框和真实框配对，然后丢弃该行和该列，"
        "每个真实框一次。然后其余锚框中最大 IoU 达到阈值的分配给对应的框；其余为背景。",
    },
    "detection.label.truth": {"en": "Ground truth [class, x1, y1, x2, y2]", "zh": "真实框 [类别, x1, y1, x2, y2]"},
    "detection.label.anchors": {"en": "Anchors [x1, y1, x2, y2]", "zh": "锚框 [x1, y1, x2, y2]"},
    "detection.label.threshold": {"en": "IoU threshold for the second pass", "zh": "第二阶段的 IoU 阈值"},
    "detection.label.steps": {"en": "Greedy assignment, step by step", "zh": "贪心分配，逐步"},
    "detection.label.steps_caption": {
        "en": "Each step: the largest IoU left in the matrix; its anchor takes that box.",
        "zh": "每一步：矩阵中剩余的最大 IoU；它的锚框分配给该真实框。",
    },
    "detection.label.targets": {"en": "Targets per anchor", "zh": "每个锚框的标签"},
    "detection.label.col.anchor": {"en": "anchor", "zh": "锚框"},
    "detection.label.col.cls": {"en": "class", "zh": "类别"},
    "detection.label.col.step": {"en": "step", "zh": "步"},
    "detection.label.col.iou": {"en": "IoU", "zh": "IoU"},
    "detection.label.col.mask": {"en": "mask", "zh": "掩码"},
    "detection.label.col.box": {"en": "box (−1 = background)", "zh": "真实框（−1 = 背景）"},
    "detection.label.col.class": {"en": "class target (0 = background)", "zh": "类别标签（0 = 背景）"},
    "detection.label.gt_name": {"en": "GT {box} (class {cls})", "zh": "真实框 {box}（类别 {cls}）"},
    "detection.label.figure_caption": {
        "en": "Black: ground truth. Anchors are coloured by the box they were assigned (grey: background).",
        "zh": "黑色：真实框。锚框按分配到的真实框着色（灰色：背景）。",
    },
    "detection.nms.intro": {
        "en": "Non-maximum suppression: sort the predictions by score, keep the best, drop every remaining box whose "
        "IoU with it is above the threshold, repeat. Green: kept; red: suppressed at this step; grey: still in play.",
        "zh": "非极大值抑制：按分数排序，保留最高的，删除与它 IoU 超过阈值的其余框，重复。绿色：保留；"
        "红色：本步被抑制；灰色：仍待处理。",
    },
    "detection.nms.random": {"en": "Random predictions", "zh": "随机预测"},
    "detection.nms.predictions": {"en": "Predictions", "zh": "预测框"},
    "detection.nms.threshold": {"en": "NMS IoU threshold", "zh": "NMS IoU 阈值"},
    "detection.nms.step": {"en": "Show the state after step", "zh": "显示第几步之后的状态"},
    "detection.nms.col.step": {"en": "step", "zh": "步"},
    "detection.nms.col.kept": {"en": "kept", "zh": "保留"},
    "detection.nms.col.score": {"en": "score", "zh": "分数"},
    "detection.nms.col.suppressed": {"en": "suppressed (IoU)", "zh": "被抑制（IoU）"},
    "detection.nms.col.remaining": {"en": "still in play", "zh": "仍待处理"},
    "detection.nms.figure_caption": {"en": "After step {step}", "zh": "第 {step} 步之后"},
    "detection.nms.check": {
        "en": "Kept {keep}; torchvision.ops.nms keeps {ref}.",
        "zh": "保留 {keep}；torchvision.ops.nms 保留 {ref}。",
    },
    "detection.run.intro": {
        "en": "TinySSD ships with this app (trained on Shapes-Detect, works offline). The torchvision SSDs know the "
        "80 COCO classes; their weights are downloaded once. Big photos are downscaled for the model and the boxes "
        "mapped back to the photo's pixels.",
        "zh": "TinySSD 随应用提供（在 Shapes-Detect 上训练，离线可用）。torchvision 的 SSD 认识 80 个 COCO 类别，"
        "权重只下载一次。大照片会为模型缩小，框再映射回照片的像素。",
    },
    "detection.run.model": {"en": "Model", "zh": "模型"},
    "detection.model.tinyssd": {"en": "TinySSD (shipped, Shapes-Detect)", "zh": "TinySSD（内置，Shapes-Detect）"},
    "detection.model.ssdlite320": {
        "en": "SSDlite320-MobileNetV3 (COCO, download)",
        "zh": "SSDlite320-MobileNetV3（COCO，需下载）",
    },
    "detection.model.ssd300": {"en": "SSD300-VGG16 (COCO, download)", "zh": "SSD300-VGG16（COCO，需下载）"},
    "detection.run.score": {"en": "Score threshold", "zh": "分数阈值"},
    "detection.run.nms": {"en": "NMS IoU threshold", "zh": "NMS IoU 阈值"},
    "detection.run.builtins": {"en": "Built-in pictures", "zh": "内置图片"},
    "detection.run.upload": {"en": "Your photos (up to 6)", "zh": "你的照片（最多 6 张）"},
    "detection.run.too_many": {"en": "Only the first {n} photos are used.", "zh": "只使用前 {n} 张照片。"},
    "detection.run.no_photos": {"en": "Pick a built-in picture or upload a photo.", "zh": "请选择内置图片或上传照片。"},
    "detection.run.needs_download": {
        "en": "{model} needs its COCO weights, downloaded once from download.pytorch.org.",
        "zh": "{model} 需要它的 COCO 权重，从 download.pytorch.org 下载一次。",
    },
    "detection.run.download": {"en": "Download the weights", "zh": "下载权重"},
    "detection.run.downloading": {"en": "Downloading…", "zh": "下载中……"},
    "detection.run.summary": {
        "en": "{count} detections in {ms} ms; photo {w}×{h}, which the model saw as {mw}×{mh} pixels; boxes in the "
        "photo's pixels.",
        "zh": "{count} 个检测结果，用时 {ms} 毫秒；照片 {w}×{h}，模型看到的是 {mw}×{mh} 像素；框坐标为照片像素。",
    },
    "detection.run.knows": {
        "en": "This detector knows only these {n} drawn shapes, nothing else:",
        "zh": "这个检测器只认识这 {n} 种画出来的形状，别的都不认识：",
    },
    "detection.run.knows_coco": {
        "en": "This detector knows the {n} COCO classes (people, vehicles, animals, everyday objects).",
        "zh": "这个检测器认识 {n} 个 COCO 类别（人、交通工具、动物、日常物品）。",
    },
    "detection.run.meaningful": {
        "en": "For meaningful boxes on real photos: online, choose SSDlite320 or SSD300 (80 COCO classes). To find "
        "your own objects, a detector must be trained on labelled photos of them; the Train TinySSD tab shows that "
        "training on drawn shapes.",
        "zh": "想在真实照片上得到有意义的框：联网时选择 SSDlite320 或 SSD300（80 个 COCO 类别）。要找到你自己的物体，"
        "检测器必须在标注了这些物体的照片上训练；“训练 TinySSD”标签页演示了在画出的形状上的训练。",
    },
    "detection.run.familiarity": {
        "en": "Familiarity is each box's energy, log Σ exp(logits) of its anchor: how strongly the model responds. "
        "On its own validation scenes {keep} of its boxes reach {threshold}; a box below that (dashed, marked ?) "
        "is unlike anything it was trained on, so its label is a guess whatever its score says.",
        "zh": "熟悉度是每个框的能量，即其锚框的 log Σ exp(logits)：模型反应有多强。在它自己的验证场景上，"
        "{keep} 的框达到 {threshold}；低于这个值的框（虚线、标 ?）与它训练过的任何东西都不像，"
        "所以无论分数多高，它的标签都只是猜测。",
    },
    "detection.run.unlike_count": {
        "en": "{unlike} of {count} boxes are unlike the training data.",
        "zh": "{count} 个框中有 {unlike} 个与训练数据不同。",
    },
    "detection.run.col.label": {"en": "object", "zh": "物体"},
    "detection.run.col.score": {"en": "score", "zh": "分数"},
    "detection.run.col.familiarity": {"en": "familiarity (energy)", "zh": "熟悉度（能量）"},
    "detection.run.col.unlike": {"en": "unlike training data", "zh": "与训练数据不同"},
    "detection.run.yes": {"en": "yes", "zh": "是"},
    "detection.run.no": {"en": "no", "zh": "否"},
    "detection.model.trained": {
        "en": "Your TinySSD (trained here, mAP@0.5 {map50})",
        "zh": "你的 TinySSD（在这里训练，mAP@0.5 {map50}）",
    },
    "detection.class.circle": {"en": "circle", "zh": "圆形"},
    "detection.class.square": {"en": "square", "zh": "正方形"},
    "detection.class.triangle": {"en": "triangle", "zh": "三角形"},
    "detection.class.star": {"en": "star", "zh": "星形"},
    "detection.class.banana": {"en": "banana", "zh": "香蕉"},
    # COCO categories as torchvision's detectors name them (index order; N/A marks ids COCO does not use)
    "detection.coco.background": {"en": "background", "zh": "背景"},
    "detection.coco.person": {"en": "person", "zh": "人"},
    "detection.coco.bicycle": {"en": "bicycle", "zh": "自行车"},
    "detection.coco.car": {"en": "car", "zh": "汽车"},
    "detection.coco.motorcycle": {"en": "motorcycle", "zh": "摩托车"},
    "detection.coco.airplane": {"en": "airplane", "zh": "飞机"},
    "detection.coco.bus": {"en": "bus", "zh": "公交车"},
    "detection.coco.train": {"en": "train", "zh": "火车"},
    "detection.coco.truck": {"en": "truck", "zh": "卡车"},
    "detection.coco.boat": {"en": "boat", "zh": "船"},
    "detection.coco.traffic_light": {"en": "traffic light", "zh": "红绿灯"},
    "detection.coco.fire_hydrant": {"en": "fire hydrant", "zh": "消防栓"},
    "detection.coco.n_a": {"en": "unused id", "zh": "未使用的编号"},
    "detection.coco.stop_sign": {"en": "stop sign", "zh": "停车标志"},
    "detection.coco.parking_meter": {"en": "parking meter", "zh": "停车计时器"},
    "detection.coco.bench": {"en": "bench", "zh": "长椅"},
    "detection.coco.bird": {"en": "bird", "zh": "鸟"},
    "detection.coco.cat": {"en": "cat", "zh": "猫"},
    "detection.coco.dog": {"en": "dog", "zh": "狗"},
    "detection.coco.horse": {"en": "horse", "zh": "马"},
    "detection.coco.sheep": {"en": "sheep", "zh": "羊"},
    "detection.coco.cow": {"en": "cow", "zh": "牛"},
    "detection.coco.elephant": {"en": "elephant", "zh": "大象"},
    "detection.coco.bear": {"en": "bear", "zh": "熊"},
    "detection.coco.zebra": {"en": "zebra", "zh": "斑马"},
    "detection.coco.giraffe": {"en": "giraffe", "zh": "长颈鹿"},
    "detection.coco.backpack": {"en": "backpack", "zh": "背包"},
    "detection.coco.umbrella": {"en": "umbrella", "zh": "雨伞"},
    "detection.coco.handbag": {"en": "handbag", "zh": "手提包"},
    "detection.coco.tie": {"en": "tie", "zh": "领带"},
    "detection.coco.suitcase": {"en": "suitcase", "zh": "行李箱"},
    "detection.coco.frisbee": {"en": "frisbee", "zh": "飞盘"},
    "detection.coco.skis": {"en": "skis", "zh": "双板滑雪板"},
    "detection.coco.snowboard": {"en": "snowboard", "zh": "单板滑雪板"},
    "detection.coco.sports_ball": {"en": "sports ball", "zh": "球"},
    "detection.coco.kite": {"en": "kite", "zh": "风筝"},
    "detection.coco.baseball_bat": {"en": "baseball bat", "zh": "棒球棒"},
    "detection.coco.baseball_glove": {"en": "baseball glove", "zh": "棒球手套"},
    "detection.coco.skateboard": {"en": "skateboard", "zh": "滑板"},
    "detection.coco.surfboard": {"en": "surfboard", "zh": "冲浪板"},
    "detection.coco.tennis_racket": {"en": "tennis racket", "zh": "网球拍"},
    "detection.coco.bottle": {"en": "bottle", "zh": "瓶子"},
    "detection.coco.wine_glass": {"en": "wine glass", "zh": "酒杯"},
    "detection.coco.cup": {"en": "cup", "zh": "杯子"},
    "detection.coco.fork": {"en": "fork", "zh": "叉子"},
    "detection.coco.knife": {"en": "knife", "zh": "刀"},
    "detection.coco.spoon": {"en": "spoon", "zh": "勺子"},
    "detection.coco.bowl": {"en": "bowl", "zh": "碗"},
    "detection.coco.banana": {"en": "banana", "zh": "香蕉"},
    "detection.coco.apple": {"en": "apple", "zh": "苹果"},
    "detection.coco.sandwich": {"en": "sandwich", "zh": "三明治"},
    "detection.coco.orange": {"en": "orange", "zh": "橙子"},
    "detection.coco.broccoli": {"en": "broccoli", "zh": "西兰花"},
    "detection.coco.carrot": {"en": "carrot", "zh": "胡萝卜"},
    "detection.coco.hot_dog": {"en": "hot dog", "zh": "热狗"},
    "detection.coco.pizza": {"en": "pizza", "zh": "披萨"},
    "detection.coco.donut": {"en": "donut", "zh": "甜甜圈"},
    "detection.coco.cake": {"en": "cake", "zh": "蛋糕"},
    "detection.coco.chair": {"en": "chair", "zh": "椅子"},
    "detection.coco.couch": {"en": "couch", "zh": "沙发"},
    "detection.coco.potted_plant": {"en": "potted plant", "zh": "盆栽"},
    "detection.coco.bed": {"en": "bed", "zh": "床"},
    "detection.coco.dining_table": {"en": "dining table", "zh": "餐桌"},
    "detection.coco.toilet": {"en": "toilet", "zh": "马桶"},
    "detection.coco.tv": {"en": "tv", "zh": "电视"},
    "detection.coco.laptop": {"en": "laptop", "zh": "笔记本电脑"},
    "detection.coco.mouse": {"en": "mouse", "zh": "鼠标"},
    "detection.coco.remote": {"en": "remote", "zh": "遥控器"},
    "detection.coco.keyboard": {"en": "keyboard", "zh": "键盘"},
    "detection.coco.cell_phone": {"en": "cell phone", "zh": "手机"},
    "detection.coco.microwave": {"en": "microwave", "zh": "微波炉"},
    "detection.coco.oven": {"en": "oven", "zh": "烤箱"},
    "detection.coco.toaster": {"en": "toaster", "zh": "烤面包机"},
    "detection.coco.sink": {"en": "sink", "zh": "水槽"},
    "detection.coco.refrigerator": {"en": "refrigerator", "zh": "冰箱"},
    "detection.coco.book": {"en": "book", "zh": "书"},
    "detection.coco.clock": {"en": "clock", "zh": "时钟"},
    "detection.coco.vase": {"en": "vase", "zh": "花瓶"},
    "detection.coco.scissors": {"en": "scissors", "zh": "剪刀"},
    "detection.coco.teddy_bear": {"en": "teddy bear", "zh": "泰迪熊"},
    "detection.coco.hair_drier": {"en": "hair drier", "zh": "吹风机"},
    "detection.coco.toothbrush": {"en": "toothbrush", "zh": "牙刷"},
    "detection.train.intro": {
        "en": "Train a fresh TinySSD with the app's training engine while you watch: every anchor is labelled "
        "(multibox_target), the loss is cross-entropy over anchor classes plus L1 over the offsets of object anchors. "
        "Class error and bbox MAE are d2l's metrics; mAP@0.5 is measured on held-out images.",
        "zh": "用应用的训练引擎实时训练一个新的 TinySSD：每个锚框都被标注（multibox_target），损失是锚框类别的交叉熵"
        "加上物体锚框偏移量的 L1。类别错误率和边界框 MAE 是 d2l 的指标；mAP@0.5 在留出的图像上测量。",
    },
    "detection.script.download": {"en": "Download as a Python script", "zh": "下载为 Python 脚本"},
    "detection.script.caption": {
        "en": "One self-contained file that reproduces this training run with plain PyTorch, without this app: the "
        "same scenes, TinySSD, loss, optimizer, schedule and flips. It prints a line per epoch (loss, class error, "
        "bbox MAE; mAP is measured here only) and saves a checkpoint. For a quick try: "
        "`python {file} --epochs 1 --limit 64`.",
        "zh": "一个独立的文件，不依赖本应用、只用 PyTorch 复现这次训练：相同的场景、TinySSD、损失、优化器、学习率调度"
        "和翻转。它每轮打印一行结果（损失、类别错误率、边界框 MAE；mAP 只在本页测量），并保存检查点。"
        "快速试一下：`python {file} --epochs 1 --limit 64`。",
    },
    "detection.script.banana": {
        "en": "It downloads the banana-detection set itself (into `--data`, default `data`).",
        "zh": "它会自行下载香蕉检测数据集（保存到 `--data`，默认 `data`）。",
    },
    "detection.script.backbone": {
        "en": "It starts from the shipped TinySSD's blocks (its weights: the button beside it): pass that file with "
        "`--backbone`.",
        "zh": "它从内置 TinySSD 的特征块开始（旁边的按钮可下载其权重）：请用 `--backbone` 指定该文件。",
    },
    "detection.script.weights": {"en": "Download the TinySSD weights (.pt)", "zh": "下载 TinySSD 权重（.pt）"},
    "detection.train.settings": {"en": "Settings", "zh": "设置"},
    "detection.train.start": {"en": "Start from", "zh": "起点"},
    "detection.train.start.backbone": {
        "en": "the shipped TinySSD's feature blocks (frozen), new heads",
        "zh": "内置 TinySSD 的特征块（冻结），新的预测头",
    },
    "detection.train.start.scratch": {"en": "random weights (from scratch)", "zh": "随机权重（从零开始）"},
    "detection.train.metric.class_error": {"en": "class error", "zh": "类别错误率"},
    "detection.train.metric.bbox_mae": {"en": "bbox MAE", "zh": "边界框 MAE"},
    "detection.train.metric.map50": {"en": "mAP@0.5", "zh": "mAP@0.5"},
    "detection.train.ready": {
        "en": "This detector is now on the Detect tab: choose “Your TinySSD” there.",
        "zh": "这个检测器现在可以在“检测”标签页使用：在那里选择“你的 TinySSD”。",
    },
    "detection.train.dataset": {"en": "Dataset", "zh": "数据集"},
    "detection.train.data.shapes": {"en": "Shapes-Detect (offline)", "zh": "Shapes-Detect（离线）"},
    "detection.train.data.banana": {"en": "d2l bananas (download)", "zh": "d2l 香蕉数据集（需下载）"},
    "detection.train.count": {"en": "Training images", "zh": "训练图像数"},
    "detection.train.size": {"en": "Image size", "zh": "图像尺寸"},
    "detection.train.epochs": {"en": "Epochs", "zh": "轮数"},
    "detection.train.lr": {"en": "Learning rate (AdamW, one-cycle)", "zh": "学习率（AdamW，one-cycle）"},
    "detection.train.batch": {"en": "Batch size", "zh": "批量大小"},
    "detection.train.last": {
        "en": "Epoch {epoch}: class error {cls}, bbox MAE {mae}, validation mAP@0.5 {map50}",
        "zh": "第 {epoch} 轮：类别错误率 {cls}，边界框 MAE {mae}，验证 mAP@0.5 {map50}",
    },
    "detection.own.intro": {
        "en": "Teach a detector your own objects: add photos (or take them with the camera), draw a box around each "
        "object and name its class, then train TinySSD on them and try it on a new photo. About 20 photos of 1–3 "
        "kinds of object are enough for a first detector.",
        "zh": "教检测器认识你自己的物体：添加照片（或用摄像头拍摄），在每个物体周围画框并命名类别，然后在这些照片上"
        "训练 TinySSD，再用一张新照片试试。1–3 种物体、约 20 张照片就足以训练出第一个检测器。",
    },
    "detection.own.step.label": {"en": "1 · Label your photos", "zh": "1 · 标注你的照片"},
    "detection.own.step.train": {"en": "2 · Train a detector on them", "zh": "2 · 用它们训练检测器"},
    "detection.own.step.try": {"en": "3 · Try it on a new photo", "zh": "3 · 用新照片试试"},
    "detection.own.add_photos": {"en": "Add photos (up to {n} in the set)", "zh": "添加照片（整组最多 {n} 张）"},
    "detection.own.camera_on": {"en": "Use the camera", "zh": "使用摄像头"},
    "detection.own.camera": {"en": "Take a photo", "zh": "拍照"},
    "detection.own.load": {
        "en": "…or load a labelled set (zip: photos + a COCO JSON file or Pascal VOC XML files, e.g. from Label "
        "Studio or CVAT)",
        "zh": "……或载入一组已标注的照片（zip：照片 + 一个 COCO JSON 文件或 Pascal VOC XML 文件，例如来自 Label "
        "Studio 或 CVAT）",
    },
    "detection.own.loaded": {
        "en": "Loaded {images} photos with {boxes} boxes.",
        "zh": "已载入 {images} 张照片，共 {boxes} 个框。",
    },
    "detection.own.empty": {
        "en": "Add a few photos of your objects, or load a labelled set.",
        "zh": "请添加几张你的物体的照片，或载入一组已标注的照片。",
    },
    "detection.own.photo": {"en": "Photo to label", "zh": "要标注的照片"},
    "detection.own.class": {"en": "Class of the boxes you draw next", "zh": "接下来所画框的类别"},
    "detection.own.draw_help": {
        "en": "Drag a rectangle on the photo to add a box of class “{cls}”. Change or delete boxes in the table.",
        "zh": "在照片上拖出一个矩形，即可添加一个类别为“{cls}”的框。在表格中修改或删除框。",
    },
    "detection.own.table": {
        "en": "Boxes on this photo, in its pixels (select rows and press Delete to remove them)",
        "zh": "这张照片上的框，以像素为单位（选中行后按 Delete 键删除）",
    },
    "detection.own.col.label": {"en": "class", "zh": "类别"},
    "detection.own.added": {
        "en": "Added a box of class “{cls}”: ({x1}, {y1})–({x2}, {y2}).",
        "zh": "已添加一个类别为“{cls}”的框：({x1}, {y1})–({x2}, {y2})。",
    },
    "detection.own.outside": {
        "en": "That rectangle holds (almost) nothing of the photo; drag over the photo.",
        "zh": "这个矩形（几乎）没有覆盖照片；请在照片上拖动。",
    },
    "detection.own.remove": {"en": "Remove this photo", "zh": "移除这张照片"},
    "detection.own.gallery": {
        "en": "Your labelled set: {images} photos, {boxes} boxes; classes: {classes}",
        "zh": "你的标注集：{images} 张照片，{boxes} 个框；类别：{classes}",
    },
    "detection.own.no_classes": {"en": "none yet", "zh": "暂无"},
    "detection.own.save": {"en": "Save the set (zip with COCO JSON)", "zh": "保存标注集（含 COCO JSON 的 zip）"},
    "detection.own.train.intro": {
        "en": "TinySSD starts from the shipped detector's feature blocks and learns new class and box heads for your "
        "classes. Each epoch shows every training photo several times, changed each time (mirrored, cropped without "
        "cutting a box, zoomed out, recoloured) with the boxes moved along. A fifth of the photos (at least one) is "
        "held out to measure mAP@0.5.",
        "zh": "TinySSD 从内置检测器的特征块出发，为你的类别学习新的类别预测头和边框预测头。每一轮都会多次展示每张训练"
        "照片，每次都有变化（镜像、不切到框的裁剪、缩小、调色），框随之移动。五分之一的照片（至少一张）留作验证，"
        "用来测量 mAP@0.5。",
    },
    "detection.own.train.fine_tune": {
        "en": "Also fine-tune the feature blocks (slower; can help on photos unlike drawn shapes)",
        "zh": "同时微调特征块（更慢；对与画出的形状差别大的照片可能有帮助）",
    },
    "detection.own.train.data": {
        "en": "{train} training photos, each shown {views} times per epoch; {val} held out for validation.",
        "zh": "{train} 张训练照片，每轮每张展示 {views} 次；{val} 张留作验证。",
    },
    "detection.own.ready": {
        "en": "Your detector is ready below and on the Detect tab (“{model}”).",
        "zh": "你的检测器已可在下方和“检测”标签页使用（“{model}”）。",
    },
    "detection.own.download": {"en": "Download the detector (.pt)", "zh": "下载检测器（.pt）"},
    "detection.own.upload": {
        "en": "…or upload a detector saved from this page (.pt)",
        "zh": "……或上传之前从本页保存的检测器（.pt）",
    },
    "detection.own.uploaded": {
        "en": "Loaded a detector for {classes} (input {size}×{size} pixels).",
        "zh": "已载入一个识别 {classes} 的检测器（输入 {size}×{size} 像素）。",
    },
    "detection.own.try.upload": {"en": "…or upload a photo", "zh": "……或上传一张照片"},
    "detection.own.try.none": {
        "en": "Train a detector above, or upload one, to try it here.",
        "zh": "请先在上方训练或上传一个检测器，再在这里试用。",
    },
    "detection.own.try.photo": {"en": "Your photo", "zh": "你的照片"},
    "detection.own.try.found": {
        "en": "{count} boxes at score ≥ {score}: {found}",
        "zh": "分数 ≥ {score} 的框共 {count} 个：{found}",
    },
    "detection.model.own": {
        "en": "Your objects: TinySSD ({classes}; mAP@0.5 {map50})",
        "zh": "你的物体：TinySSD（{classes}；mAP@0.5 {map50}）",
    },
    "detection.error.numbers": {
        "en": "{what}: could not read “{text}” as comma-separated numbers.",
        "zh": "{what}：无法把“{text}”读成逗号分隔的数字。",
    },
    "detection.error.number_range": {
        "en": "{what}: {value} is outside ({low}, {high}].",
        "zh": "{what}：{value} 不在 ({low}, {high}] 范围内。",
    },
    "detection.error.box_nan": {
        "en": "{what}, row {row}: every coordinate must be a number.",
        "zh": "{what}，第 {row} 行：每个坐标都必须是数字。",
    },
    "detection.error.box_size": {
        "en": "{what}, row {row}: a box needs x2 > x1 and y2 > y1 (width {width:.3g}, height {height:.3g}).",
        "zh": "{what}，第 {row} 行：框需要 x2 > x1 且 y2 > y1（宽 {width:.3g}，高 {height:.3g}）。",
    },
    "detection.error.too_many_anchors": {
        "en": "That would be {count} anchors; this page draws at most {limit}. Use a smaller feature map or fewer sizes/ratios.",
        "zh": "那将是 {count} 个锚框；本页最多绘制 {limit} 个。请用更小的特征图或更少的尺寸/宽高比。",
    },
    "detection.error.no_boxes": {"en": "{what}: add at least one box.", "zh": "{what}：请至少添加一个框。"},
    "detection.error.class_index": {
        "en": "Ground-truth classes must be whole numbers ≥ 0 (0 is the first object class).",
        "zh": "真实框的类别必须是 ≥ 0 的整数（0 是第一个物体类别）。",
    },
    "detection.error.threshold": {
        "en": "The {name} threshold must be between 0 and 1 (got {value}).",
        "zh": "{name} 阈值必须在 0 到 1 之间（得到 {value}）。",
    },
    "detection.error.no_weights": {
        "en": "The TinySSD weights are missing ({path}). Train them with `python -m scripts.train_tinyssd`.",
        "zh": "缺少 TinySSD 权重（{path}）。请用 `python -m scripts.train_tinyssd` 训练。",
    },
    "detection.error.bad_weights": {
        "en": "The weights file {path} is damaged or does not fit the model; delete it and try again.",
        "zh": "权重文件 {path} 已损坏或与模型不匹配；请删除后重试。",
    },
    "detection.own.error.too_many_images": {
        "en": "A labelled set holds at most {limit} photos (this would be {count}).",
        "zh": "一个标注集最多包含 {limit} 张照片（现在会是 {count} 张）。",
    },
    "detection.own.error.class_name": {
        "en": "A class name needs 1–{limit} characters, without control characters or < >; got “{text}”.",
        "zh": "类别名需要 1–{limit} 个字符，且不含控制字符或 < >；得到的是“{text}”。",
    },
    "detection.own.error.row_number": {
        "en": "Box table, row {row}: every coordinate must be a number.",
        "zh": "框表格第 {row} 行：每个坐标都必须是数字。",
    },
    "detection.own.error.row_empty": {
        "en": "Box table, row {row}: the box holds (almost) nothing of the photo; make it at least 2 pixels wide and "
        "high inside the photo.",
        "zh": "框表格第 {row} 行：这个框（几乎）没有覆盖照片；请让它在照片内至少 2 像素宽、2 像素高。",
    },
    "detection.own.error.too_many_boxes": {
        "en": "A photo holds at most {limit} boxes (got {count}).",
        "zh": "一张照片最多 {limit} 个框（得到 {count} 个）。",
    },
    "detection.own.error.too_many.images": {
        "en": "The annotation file lists {count} images; at most {limit} are accepted.",
        "zh": "标注文件列出了 {count} 张图像；最多接受 {limit} 张。",
    },
    "detection.own.error.too_many.annotations": {
        "en": "The annotation file has {count} boxes; at most {limit} are accepted.",
        "zh": "标注文件有 {count} 个框；最多接受 {limit} 个。",
    },
    "detection.own.error.too_many.categories": {
        "en": "There are {count} classes; at most {limit} are accepted.",
        "zh": "共有 {count} 个类别；最多接受 {limit} 个。",
    },
    "detection.own.error.field": {
        "en": "The annotation file has a wrong or missing value in the field “{what}”.",
        "zh": "标注文件的字段“{what}”中有错误或缺失的值。",
    },
    "detection.own.error.json_size": {
        "en": "The annotation file is {mb:.1f} MB; at most {limit} MB are accepted.",
        "zh": "标注文件有 {mb:.1f} MB；最多接受 {limit} MB。",
    },
    "detection.own.error.json": {
        "en": "The annotation file is not valid JSON (the error is near line:column {where}).",
        "zh": "标注文件不是有效的 JSON（错误位于 行:列 {where} 附近）。",
    },
    "detection.own.error.coco_shape": {
        "en": "The JSON file is not a COCO detection file: it needs lists “images”, “annotations” and “categories” "
        "of objects.",
        "zh": "这个 JSON 文件不是 COCO 检测标注文件：它需要由对象组成的列表“images”“annotations”和“categories”。",
    },
    "detection.own.error.unknown_image_id": {
        "en": "A box belongs to image id {id}, which the file does not list.",
        "zh": "有一个框属于图像 id {id}，但文件中没有列出这张图像。",
    },
    "detection.own.error.unknown_category": {
        "en": "A box has class id {id}, which the file does not list.",
        "zh": "有一个框的类别 id 为 {id}，但文件中没有列出这个类别。",
    },
    "detection.own.error.box_empty": {
        "en": "A box on {name} has no area (its width or height is 0 or less).",
        "zh": "{name} 上有一个框没有面积（宽或高 ≤ 0）。",
    },
    "detection.own.error.box_outside": {
        "en": "A box on {name}, {box}, lies outside the {width}×{height} image.",
        "zh": "{name} 上的框 {box} 超出了 {width}×{height} 的图像。",
    },
    "detection.own.error.xml": {
        "en": "{name} is not a Pascal VOC file this page can read (it needs filename, size and object boxes, and no "
        "DTD or entities).",
        "zh": "{name} 不是本页能读取的 Pascal VOC 文件（需要 filename、size 和物体框，且不能含 DTD 或实体）。",
    },
    "detection.own.error.many_json": {
        "en": "The zip holds several JSON files ({names}); keep one, or name it annotations.json.",
        "zh": "zip 中有多个 JSON 文件（{names}）；请只保留一个，或将其命名为 annotations.json。",
    },
    "detection.own.error.no_annotations": {
        "en": "The zip holds no annotation file: add a COCO JSON file or Pascal VOC XML files.",
        "zh": "zip 中没有标注文件：请加入一个 COCO JSON 文件或 Pascal VOC XML 文件。",
    },
    "detection.own.error.unknown_image": {
        "en": "The annotations name the image {name}, but the zip has no image of that name.",
        "zh": "标注中提到了图像 {name}，但 zip 中没有这个名字的图像。",
    },
    "detection.own.error.image": {
        "en": "The image {name} in the zip could not be read (damaged, too large, or not an image).",
        "zh": "无法读取 zip 中的图像 {name}（已损坏、过大或不是图像）。",
    },
    "detection.own.error.size_mismatch": {
        "en": "The annotations say {name} is {width}×{height} pixels, but the image is {actual}: its boxes would land "
        "in the wrong place.",
        "zh": "标注中说 {name} 是 {width}×{height} 像素，但图像实际是 {actual}：框会落在错误的位置。",
    },
    "detection.own.error.too_few": {
        "en": "Training needs at least {need} photos with boxes (you have {count}).",
        "zh": "训练至少需要 {need} 张带框的照片（你现在有 {count} 张）。",
    },
    "detection.own.error.not_detector": {
        "en": "This checkpoint holds a {name}, not a TinySSD detector saved on this page.",
        "zh": "这个检查点保存的是 {name}，不是在本页保存的 TinySSD 检测器。",
    },
    "detection.own.error.size": {
        "en": "This detector's input size {size} is outside {low}–{high} pixels.",
        "zh": "这个检测器的输入尺寸 {size} 不在 {low}–{high} 像素范围内。",
    },
    "detection.download.fallback": {
        "en": "TinySSD still works.",
        "zh": "TinySSD 仍然可用。",
    },
    "detection.download.fallback_data": {
        "en": "Training on Shapes-Detect still works.",
        "zh": "在 Shapes-Detect 上训练仍然可用。",
    },
    "detection.error.unknown_model": {
        "en": "Unknown detector {name}; choose one of {known}.",
        "zh": "未知检测器 {name}；请从 {known} 中选择。",
    },
    "detection.error.image_size": {
        "en": "Shapes-Detect images must be {low}–{high} pixels wide (got {size}).",
        "zh": "Shapes-Detect 图像宽度必须在 {low}–{high} 像素之间（得到 {size}）。",
    },
    "detection.error.count": {
        "en": "Ask for at least one image (got {count}).",
        "zh": "至少需要一张图像（得到 {count}）。",
    },
    "detection.error.bad_archive": {
        "en": "The downloaded archive {name} is damaged or suspicious; delete it and try again.",
        "zh": "下载的压缩包 {name} 已损坏或可疑；请删除后重试。",
    },
    "detection.error.split": {
        "en": "Unknown split {split}; use train or val.",
        "zh": "未知的划分 {split}；请用 train 或 val。",
    },
    "detection.error.missing_labels": {"en": "No labels found at {path}.", "zh": "在 {path} 没有找到标签。"},
    "detection.error.bad_row": {
        "en": "Could not read banana image {name}: {detail}",
        "zh": "无法读取香蕉图像 {name}：{detail}",
    },
}
