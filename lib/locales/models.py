"""Names, descriptions and errors of the model zoo (lib/models)."""

STRINGS = {
    "models.unknown": {
        "en": "There is no model called '{name}'. Known models: {known}.",
        "zh": "没有名为“{name}”的模型。可用的模型：{known}。",
    },
    "models.bad_classes": {
        "en": "A classifier needs at least one class, not {classes}.",
        "zh": "分类器至少需要一个类别，而不是 {classes}。",
    },
    "models.bad_channels": {
        "en": "An image needs at least one channel, not {channels}.",
        "zh": "图像至少需要一个通道，而不是 {channels}。",
    },
    "models.too_small": {
        "en": "{model} cannot process {size}×{size} images: its convolutions and poolings shrink the image "
        "to nothing. Use images of at least {min_size}×{min_size} pixels.",
        "zh": "{model} 无法处理 {size}×{size} 的图像：卷积和池化会把图像缩小到没有像素。"
        "请使用至少 {min_size}×{min_size} 像素的图像。",
    },
    "models.too_large": {
        "en": "{size}×{size} images are too large for {model} in this playground; use at most {max_size}×{max_size}.",
        "zh": "在本实验场中 {size}×{size} 的图像对 {model} 来说太大了；请最多使用 {max_size}×{max_size}。",
    },
    "models.cifar10_quick.name": {"en": "CIFAR10-quick", "zh": "CIFAR10-quick"},
    "models.cifar10_quick.desc": {
        "en": "CIFAR10-quick, the classic first CNN: three 5×5 convs with max-pooling and one linear layer, "
        "no activation — so it is a linear model up to max-pooling.",
        "zh": "经典的入门 CNN：CIFAR10-quick，三个 5×5 卷积加最大池化和一个全连接层，没有激活函数——"
        "因此除了最大池化之外它是一个线性模型。",
    },
    "models.cifar10_quick_relu.name": {"en": "CIFAR10-quick + ReLU", "zh": "CIFAR10-quick + ReLU"},
    "models.cifar10_quick_relu.desc": {
        "en": "CIFAR10-quick with a ReLU after every convolution: the same parameters, now a real non-linear network.",
        "zh": "每个卷积后加 ReLU 的 CIFAR10-quick：参数相同，但现在是真正的非线性网络。",
    },
    "models.cifar10_quick_bn.name": {"en": "CIFAR10-quick + BatchNorm", "zh": "CIFAR10-quick + BatchNorm"},
    "models.cifar10_quick_bn.desc": {
        "en": "CIFAR10-quick with BatchNorm and ReLU after every convolution: trains faster and tolerates larger learning rates.",
        "zh": "每个卷积后加 BatchNorm 和 ReLU 的 CIFAR10-quick：训练更快，能承受更大的学习率。",
    },
    "models.lenet.name": {"en": "LeNet-5", "zh": "LeNet-5"},
    "models.lenet.desc": {
        "en": "LeNet-5 as in d2l: two 5×5 convs with sigmoid and average pooling, then three linear layers.",
        "zh": "d2l 中的 LeNet-5：两个 5×5 卷积（sigmoid 激活、平均池化），然后三个全连接层。",
    },
    "models.lenet_bn.name": {"en": "LeNet-5 + BatchNorm", "zh": "LeNet-5 + BatchNorm"},
    "models.lenet_bn.desc": {
        "en": "d2l's LeNet with batch normalisation after every conv and linear layer.",
        "zh": "d2l 中每个卷积层和全连接层后加批量归一化的 LeNet。",
    },
    "models.mlp.name": {"en": "Multilayer perceptron (MLP)", "zh": "多层感知机（MLP）"},
    "models.mlp.desc": {
        "en": "A multilayer perceptron with two hidden layers of 256 and dropout (0.2, 0.5), as in d2l: no convolution at all.",
        "zh": "d2l 中带两个 256 单元隐藏层和 dropout（0.2、0.5）的多层感知机：完全没有卷积。",
    },
    "models.small_resnet.name": {"en": "Small ResNet (32×32)", "zh": "小型 ResNet（32×32）"},
    "models.small_resnet.desc": {
        "en": "A small ResNet for 32×32 images (16, 32, 64 channels, two residual blocks per stage), "
        "with 1×1 projections on the shortcut where the shape changes.",
        "zh": "面向 32×32 图像的小型 ResNet（16、32、64 通道，每个阶段两个残差块），形状变化处的捷径使用 1×1 投影。",
    },
    "models.compact_resnet.name": {"en": "Compact ResNet (64×64)", "zh": "紧凑 ResNet（64×64）"},
    "models.compact_resnet.desc": {
        "en": "A compact ResNet for 64×64 images (a stride-2 stem, then one residual block per stage at 32, 64, "
        "128 and 256 channels): the backbone this project pretrains offline for fine-tuning.",
        "zh": "面向 64×64 图像的紧凑 ResNet（步幅 2 的输入层，之后每个阶段一个残差块，通道数 32、64、128、256）："
        "本项目离线预训练、用于微调的主干网络。",
    },
    "models.resnet18.name": {"en": "ResNet-18", "zh": "ResNet-18"},
    "models.resnet18.desc": {
        "en": "torchvision's ResNet-18 (random weights). Below 64×64 pixels its stem becomes a 3×3 stride-1 conv "
        "without max-pooling, so small images are not shrunk 4× at once.",
        "zh": "torchvision 的 ResNet-18（随机权重）。输入小于 64×64 时，其输入层改为 3×3、步幅 1 的卷积且去掉最大池化，"
        "以免小图像一开始就被缩小 4 倍。",
    },
    "models.alexnet.name": {"en": "AlexNet", "zh": "AlexNet"},
    "models.alexnet.desc": {
        "en": "torchvision's AlexNet (random weights): large early kernels, ReLU, dropout, 224×224 inputs.",
        "zh": "torchvision 的 AlexNet（随机权重）：前几层使用大卷积核、ReLU、dropout，输入 224×224。",
    },
    "models.vgg11.name": {"en": "VGG-11", "zh": "VGG-11"},
    "models.vgg11.desc": {
        "en": "torchvision's VGG-11 (random weights): blocks of 3×3 convs, each block ending in a 2×2 max-pool.",
        "zh": "torchvision 的 VGG-11（随机权重）：由 3×3 卷积组成的块，每块以 2×2 最大池化结束。",
    },
    "models.nin.name": {"en": "Network in Network (NiN)", "zh": "网络中的网络（NiN）"},
    "models.nin.desc": {
        "en": "Network in Network as in d2l: 1×1 convs after each conv and a global average pool instead of linear layers.",
        "zh": "d2l 中的 NiN：每个卷积后接 1×1 卷积，用全局平均池化代替全连接层。",
    },
    "models.resnet50.name": {"en": "ResNet-50", "zh": "ResNet-50"},
    "models.resnet50.desc": {
        "en": "torchvision's ResNet-50 (random weights): bottleneck blocks (1×1, 3×3, 1×1 convs) with residual adds.",
        "zh": "torchvision 的 ResNet-50（随机权重）：带残差相加的瓶颈块（1×1、3×3、1×1 卷积）。",
    },
    "models.darknet53.name": {"en": "Darknet-53", "zh": "Darknet-53"},
    "models.darknet53.desc": {
        "en": "A correct Darknet-53 (YOLOv3's backbone): 52 convs with BatchNorm and LeakyReLU(0.1), residual blocks "
        "that really add their input, global average pooling and a linear head.",
        "zh": "正确的 Darknet-53（YOLOv3 的主干）：52 个带 BatchNorm 和 LeakyReLU(0.1) 的卷积，"
        "残差块真正把输入加回去，最后是全局平均池化和全连接层。",
    },
}
