"""Strings for the object-detection page (anchors, IoU, labeling, NMS, detection) and its errors."""

STRINGS = {
    "detection.tab.anchors": {"en": "Anchor explorer", "zh": "锚框浏览"},
    "detection.tab.iou": {"en": "IoU playground", "zh": "IoU 练习场"},
    "detection.tab.labeling": {"en": "Labeling anchors", "zh": "标注锚框"},
    "detection.tab.nms": {"en": "NMS step by step", "zh": "逐步 NMS"},
    "detection.tab.detect": {"en": "Detect", "zh": "检测"},
    "detection.tab.train": {"en": "Train TinySSD", "zh": "训练 TinySSD"},
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
