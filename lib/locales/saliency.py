"""Strings of the confusion-matrix cell view (ui/mistakes.py) that Train and Fine-tuning share: the images of
one cell and the saliency maps (lib/saliency.py) of why the model chose their class."""

STRINGS = {
    "saliency.click_hint": {
        "en": "Click a cell of the matrix to see its validation images and why the model chose that class.",
        "zh": "点击矩阵中的一个格子，查看其中的验证图像，以及模型为什么选了那个类别。",
    },
    "saliency.cell": {
        "en": "**{count}** validation images of **{true}** predicted as **{predicted}**",
        "zh": "**{true}** 的验证图像中有 **{count}** 张被预测为 **{predicted}**",
    },
    "saliency.shown": {
        "en": "Showing the {shown} most confident of {count}, with the probability the model gave {predicted}.",
        "zh": "显示其中置信度最高的 {shown} 张（共 {count} 张），以及模型给 {predicted} 的概率。",
    },
    "saliency.empty": {
        "en": "No validation image of {true} was predicted as {predicted}.",
        "zh": "没有 {true} 的验证图像被预测为 {predicted}。",
    },
    "saliency.stale": {
        "en": "The cell you picked is not in this matrix any more (the classes changed); pick another.",
        "zh": "你选的格子已不在当前矩阵中（类别变了），请重新选择。",
    },
    "saliency.clear": {"en": "Close", "zh": "关闭"},
    "saliency.pick": {"en": "Image to explain (number · probability)", "zh": "要解释的图像（编号 · 概率）"},
    "saliency.explain": {
        "en": "Explain the score of (predicted class first)",
        "zh": "解释哪个类别的得分（预测的类别在前）",
    },
    "saliency.probabilities": {
        "en": "p({true}) = {p_true:.1%} · p({predicted}) = {p_predicted:.1%}",
        "zh": "p({true}) = {p_true:.1%} · p({predicted}) = {p_predicted:.1%}",
    },
    "saliency.gradcam": {"en": "Grad-CAM (last convolution)", "zh": "Grad-CAM（最后一个卷积层）"},
    "saliency.gxi": {"en": "Gradient × input", "zh": "梯度 × 输入"},
    "saliency.no_conv": {
        "en": "Grad-CAM needs a convolution layer; this model has none, so only gradient × input is shown.",
        "zh": "Grad-CAM 需要卷积层；该模型没有卷积层，因此只显示梯度 × 输入。",
    },
    "saliency.meaning": {
        "en": "Bright = evidence for {name}. Grad-CAM weighs the last convolution's feature maps by how much they raise {name}'s score, so it is coarse (one cell per feature-map position, here {cells}); gradient × input marks the pixels that, as they are, move the score most.",
        "zh": "越亮 = 越支持 {name}。Grad-CAM 按最后一个卷积层的各特征图对 {name} 得分的提升程度加权，因此比较粗糙（每个特征图位置一格，这里是 {cells}）；梯度 × 输入标出按当前取值对得分影响最大的像素。",
    },
}
