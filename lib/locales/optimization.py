"""Strings of the Losses & optimizers page and of lib.optimization_* errors."""

STRINGS = {
    "page.optimization.title": {"en": "Losses & optimizers", "zh": "损失与优化器"},
    "page.optimization.summary": {
        "en": "Losses by hand vs PyTorch, optimizers walking a loss surface, LR schedules, initialisation and "
        "gradient flow, dropout and weight decay — all computed live.",
        "zh": "手算损失与 PyTorch 对照、优化器在损失曲面上的路径、学习率调度、初始化与梯度流、Dropout 与权重衰减——全部实时计算。",
    },
    "optimization.tab.losses": {"en": "Losses", "zh": "损失函数"},
    "optimization.tab.optimizers": {"en": "Optimizers", "zh": "优化器"},
    "optimization.tab.schedules": {"en": "LR schedules", "zh": "学习率调度"},
    "optimization.tab.init": {"en": "Initialisation & gradients", "zh": "初始化与梯度"},
    "optimization.tab.regularisation": {"en": "Regularisation", "zh": "正则化"},
    # errors
    "optimization.error.count": {
        "en": "Give between 1 and {limit} values for the {what}.",
        "zh": "{what} 需要 1 到 {limit} 个数值。",
    },
    "optimization.error.not_finite": {
        "en": "The {what} must be finite numbers (no NaN or infinity).",
        "zh": "{what} 必须是有限数（不能是 NaN 或无穷大）。",
    },
    "optimization.error.lengths": {
        "en": "Prediction and target need the same number of values ({left} vs {right}).",
        "zh": "预测值与目标值的个数必须相同（{left} 对 {right}）。",
    },
    "optimization.error.beta": {"en": "beta must be a positive number.", "zh": "beta 必须是正数。"},
    "optimization.error.probability_range": {
        "en": "Probabilities must be greater than 0 and at most 1 (log 0 is −∞).",
        "zh": "概率必须大于 0 且不超过 1（log 0 为 −∞）。",
    },
    "optimization.error.row_sum": {
        "en": "Row {row} sums to {total}, not 1: a model's probabilities over the classes add up to 1.",
        "zh": "第 {row} 行之和为 {total}，不是 1：模型对各类别的概率之和应为 1。",
    },
    "optimization.error.targets": {
        "en": "Each row needs a true class between 0 and {classes} − 1.",
        "zh": "每一行都需要一个 0 到 {classes} − 1 之间的真实类别。",
    },
    "optimization.error.temperature": {"en": "The temperature must be positive.", "zh": "温度必须为正数。"},
    "optimization.error.surface": {
        "en": "Unknown surface {name}; choose one of {choices}.",
        "zh": "未知曲面 {name}；可选：{choices}。",
    },
    "optimization.error.no_xy": {
        "en": "The surface must depend on x or y, e.g. x**2 + 3*sin(y).",
        "zh": "曲面必须依赖 x 或 y，例如 x**2 + 3*sin(y)。",
    },
    "optimization.error.reduction": {
        "en": "sum and mean make one number of the whole grid: write the surface point by point in x and y.",
        "zh": "sum 和 mean 会把整个网格变成一个数：请逐点用 x 和 y 写出曲面。",
    },
    "optimization.error.optimizer": {
        "en": "Unknown optimizer {name}; choose one of {choices}.",
        "zh": "未知优化器 {name}；可选：{choices}。",
    },
    "optimization.error.lr": {
        "en": "The learning rate must be between 0 and 100 (got {lr}).",
        "zh": "学习率必须在 0 到 100 之间（当前为 {lr}）。",
    },
    "optimization.error.momentum": {
        "en": "Momentum must be at least 0 and below 1.",
        "zh": "动量必须不小于 0 且小于 1。",
    },
    "optimization.error.nan_start": {
        "en": "The surface has no finite value at the start point ({x}, {y}), e.g. log of a negative number: "
        "pick another start or surface.",
        "zh": "曲面在起点 ({x}, {y}) 没有有限值（例如对负数取 log）：请换一个起点或曲面。",
    },
    # shared labels
    "optimization.axis.step": {"en": "step", "zh": "步数"},
    "optimization.axis.lr": {"en": "learning rate", "zh": "学习率"},
    "optimization.axis.loss": {"en": "loss (log scale)", "zh": "损失（对数刻度）"},
    "optimization.axis.train_loss": {"en": "training loss (log scale)", "zh": "训练损失（对数刻度）"},
    "optimization.col.loss": {"en": "loss", "zh": "损失"},
    "optimization.col.by_hand": {"en": "by the formula", "zh": "按公式手算"},
    "optimization.col.torch": {"en": "torch.nn.functional", "zh": "torch.nn.functional"},
    "optimization.col.prediction": {"en": "prediction", "zh": "预测值"},
    "optimization.col.target": {"en": "target", "zh": "目标值"},
    "optimization.col.truth": {"en": "true class", "zh": "真实类别"},
    "optimization.col.logit": {"en": "logit z", "zh": "对数几率 z（logit）"},
    # losses tab
    "optimization.losses.part": {"en": "Example", "zh": "示例"},
    "optimization.losses.regression": {"en": "L1, MSE, smooth L1", "zh": "L1、MSE、Smooth L1"},
    "optimization.losses.classification": {"en": "Cross-entropy vs NLL", "zh": "交叉熵与 NLL"},
    "optimization.losses.softmax": {"en": "Softmax temperature", "zh": "Softmax 温度"},
    "optimization.loss.l1": {"en": "L1 (mean absolute error)", "zh": "L1（平均绝对误差）"},
    "optimization.loss.mse": {"en": "MSE (mean squared error)", "zh": "MSE（均方误差）"},
    "optimization.loss.smooth_l1": {"en": "smooth L1 (Huber)", "zh": "平滑 L1（Huber）"},
    "optimization.loss.cross_entropy": {"en": "cross-entropy", "zh": "交叉熵"},
    "optimization.regression.intro": {
        "en": "A regression loss measures how far predictions are from their targets: L1 averages the absolute "
        "errors, MSE the squared ones (so large errors dominate), and smooth L1 is squared within beta and linear "
        "beyond it. Edit the table and watch all three.",
        "zh": "回归损失衡量预测值离目标值有多远：L1 对绝对误差取平均，MSE 对平方误差取平均（大误差占主导），"
        "Smooth L1 在 beta 以内取平方、以外取线性。修改表格，观察三者的变化。",
    },
    "optimization.regression.beta": {
        "en": "smooth L1's beta (squared below, linear above)",
        "zh": "Smooth L1 的 beta（以下为平方，以上为线性）",
    },
    "optimization.regression.chart": {
        "en": "Each loss as a function of the error (your errors as dots)",
        "zh": "各损失随误差变化的曲线（圆点为你的误差）",
    },
    "optimization.regression.error_axis": {"en": "error = prediction − target", "zh": "误差 = 预测值 − 目标值"},
    "optimization.regression.errors": {"en": "your errors", "zh": "你的误差"},
    "optimization.animal.cat": {"en": "cat", "zh": "猫"},
    "optimization.animal.dog": {"en": "dog", "zh": "狗"},
    "optimization.animal.pig": {"en": "pig", "zh": "猪"},
    "optimization.ce.intro": {
        "en": "Two models answer the same three photos with probabilities for cat, dog and pig. Both get the pig and "
        "the dog right and the cat wrong; edit any probability (each row must sum to 1).",
        "zh": "两个模型对同样三张照片给出猫、狗、猪的概率。两者都认对了猪和狗、认错了猫；可修改任意概率（每行之和须为 1）。",
    },
    "optimization.ce.model": {"en": "Model {n}", "zh": "模型 {n}"},
    "optimization.ce.loss": {"en": "cross-entropy = NLL(log p)", "zh": "交叉熵 = NLL(log p)"},
    "optimization.ce.loss_help": {
        "en": "The mean of −log(probability of the true class): F.nll_loss(torch.log(p), target).",
        "zh": "真实类别概率的 −log 的平均：F.nll_loss(torch.log(p), target)。",
    },
    "optimization.ce.sum": {
        "en": "By hand: ({terms}) / 3 = {by_hand}",
        "zh": "手算：({terms}) / 3 = {by_hand}",
    },
    "optimization.ce.mistake": {"en": "F.cross_entropy(p) — the mistake", "zh": "F.cross_entropy(p)——错误用法"},
    "optimization.ce.mistake_help": {
        "en": "cross_entropy expects logits and applies softmax itself; probabilities get squashed a second time.",
        "zh": "cross_entropy 需要 logits，并自己做 softmax；把概率传进去会被再压缩一次。",
    },
    "optimization.ce.verdict": {
        "en": "The correct losses differ by {gap}: model 2 is clearly better. Fed probabilities as if they were "
        "logits, cross_entropy softmaxes them again and the two models differ by only {mistake_gap} — the loss "
        "barely sees the difference, so training gets a weak signal.",
        "zh": "正确的损失相差 {gap}：模型 2 明显更好。若把概率当作 logits 传给 cross_entropy，它会再做一次 softmax，"
        "两个模型只相差 {mistake_gap}——损失几乎看不出差别，训练得到的信号很弱。",
    },
    "optimization.sm.temperature": {"en": "temperature T", "zh": "温度 T"},
    "optimization.sm.chart": {
        "en": "softmax(z / T) at T = {temperature}",
        "zh": "T = {temperature} 时的 softmax(z / T)",
    },
    "optimization.sm.probability": {"en": "probability", "zh": "概率"},
    "optimization.sm.check": {
        "en": "Equal to torch.softmax(z / T): {agree}. Small T sharpens towards the largest logit; large T flattens "
        "towards uniform.",
        "zh": "与 torch.softmax(z / T) 一致：{agree}。T 小时趋向最大的 logit，T 大时趋于均匀分布。",
    },
    # optimizers tab
    "optimization.opt.surface": {"en": "Loss surface", "zh": "损失曲面"},
    "optimization.surface.quadratic": {"en": "narrow valley (quadratic)", "zh": "狭长山谷（二次函数）"},
    "optimization.surface.rosenbrock": {"en": "Rosenbrock's curved valley", "zh": "Rosenbrock 弯曲山谷"},
    "optimization.surface.saddle": {"en": "saddle", "zh": "鞍点"},
    "optimization.surface.custom": {"en": "type your own", "zh": "自己输入"},
    "optimization.opt.conditioning": {
        "en": "conditioning (curvature ratio y : x)",
        "zh": "条件数（y 与 x 方向曲率之比）",
    },
    "optimization.opt.expression": {
        "en": "f(x, y) — numbers, x, y, + − * / **, sin cos exp log tanh sigmoid relu",
        "zh": "f(x, y)——可用数字、x、y、+ − * / **、sin cos exp log tanh sigmoid relu",
    },
    "optimization.opt.optimizers": {"en": "Optimizers", "zh": "优化器"},
    "optimization.opt.name.momentum": {"en": "SGD + momentum", "zh": "SGD + 动量"},
    "optimization.opt.lr": {"en": "learning rate", "zh": "学习率"},
    "optimization.opt.momentum": {"en": "momentum (Adam's β1)", "zh": "动量（Adam 的 β1）"},
    "optimization.opt.steps": {"en": "steps", "zh": "步数"},
    "optimization.opt.chart": {
        "en": "Paths of torch.optim on the loss surface (contours: equal loss, log-spaced)",
        "zh": "torch.optim 在损失曲面上的路径（等高线：损失相等，按对数间隔）",
    },
    "optimization.opt.minimum": {"en": "minimum", "zh": "最小值"},
    "optimization.opt.diverged": {
        "en": "**{name}** diverged at step {step}: the steps grew instead of shrinking (learning rate too large for "
        "this curvature).",
        "zh": "**{name}** 在第 {step} 步发散：步长越来越大而不是变小（学习率相对该曲率太大）。",
    },
    "optimization.opt.ended": {
        "en": "**{name}** ended at ({x}, {y}) with loss {loss}.",
        "zh": "**{name}** 停在 ({x}, {y})，损失 {loss}。",
    },
    # schedules tab
    "optimization.sched.which": {"en": "Schedules", "zh": "调度方式"},
    "optimization.schedule.constant": {"en": "constant", "zh": "常数"},
    "optimization.schedule.step": {"en": "step (×0.1 every third)", "zh": "阶梯（每三分之一 ×0.1）"},
    "optimization.schedule.cosine": {"en": "cosine", "zh": "余弦"},
    "optimization.schedule.onecycle": {"en": "one-cycle", "zh": "单周期（one-cycle）"},
    "optimization.schedule.warmup": {"en": "warm-up + cosine", "zh": "预热 + 余弦"},
    "optimization.sched.lr": {"en": "peak learning rate", "zh": "峰值学习率"},
    "optimization.sched.steps": {"en": "steps", "zh": "步数"},
    "optimization.sched.task": {
        "en": "Each schedule trains the same small MLP from the same weights on 200 points of two spirals "
        "(SGD, momentum 0.9, mini-batches of 16). With noisy mini-batches a constant rate keeps bouncing; "
        "lowering it late lets the loss settle.",
        "zh": "每种调度都从相同的权重出发，在两条螺旋线上的 200 个点上训练同一个小 MLP（SGD，动量 0.9，小批量 16）。"
        "小批量带噪声时，恒定的学习率会一直来回跳动；后期降低学习率能让损失稳定下来。",
    },
    "optimization.sched.lr_chart": {
        "en": "learning rate (scheduler.get_last_lr())",
        "zh": "学习率（scheduler.get_last_lr()）",
    },
    "optimization.sched.loss_chart": {"en": "loss on the whole training set", "zh": "整个训练集上的损失"},
    "optimization.sched.final": {"en": "Final training loss: {losses}", "zh": "最终训练损失：{losses}"},
    # initialisation tab
    "optimization.init.activation": {"en": "Activation", "zh": "激活函数"},
    "optimization.init.which": {"en": "Initialisations", "zh": "初始化方式"},
    "optimization.init.normal": {"en": "N(0, 1)", "zh": "N(0, 1)"},
    "optimization.init.small": {"en": "N(0, 0.01²)", "zh": "N(0, 0.01²)"},
    "optimization.init.xavier": {"en": "Xavier (Glorot)", "zh": "Xavier（Glorot）"},
    "optimization.init.kaiming": {"en": "Kaiming (He)", "zh": "Kaiming（He）"},
    "optimization.init.depth": {"en": "hidden layers", "zh": "隐藏层数"},
    "optimization.init.batchnorm": {"en": "BatchNorm after each layer", "zh": "每层后加 BatchNorm"},
    "optimization.init.residual": {"en": "residual connections (h + f(h))", "zh": "残差连接（h + f(h)）"},
    "optimization.init.batch": {
        "en": "One forward and backward pass of 64 Shapes images (3×16×16, flattened) through 128-wide layers.",
        "zh": "64 张 Shapes 图像（3×16×16，展平）经过宽度 128 的各层做一次前向和反向传播。",
    },
    "optimization.init.act_chart": {"en": "|activation| per layer", "zh": "各层 |激活值|"},
    "optimization.init.grad_chart": {"en": "|gradient| per layer", "zh": "各层 |梯度|"},
    "optimization.init.layer": {"en": "layer", "zh": "层"},
    "optimization.init.ratio": {
        "en": "{name}: gradient spread at layer 1 / at the last layer = {ratio} (1 means gradients flow evenly; "
        "far above 1 they explode towards the input, far below they vanish).",
        "zh": "{name}：第 1 层与最后一层梯度标准差之比 = {ratio}（接近 1 表示梯度均匀传播；远大于 1 向输入方向爆炸，远小于 1 则消失）。",
    },
    # regularisation tab
    "optimization.reg.part": {"en": "Experiment", "zh": "实验"},
    "optimization.reg.part.dropout": {"en": "Dropout: train vs eval", "zh": "Dropout：训练与评估"},
    "optimization.reg.part.decay": {"en": "Adam L2 vs AdamW", "zh": "Adam L2 与 AdamW"},
    "optimization.reg.part.overfit": {"en": "Overfitting run", "zh": "过拟合实验"},
    "optimization.reg.p": {"en": "dropout probability p", "zh": "Dropout 概率 p"},
    "optimization.reg.seed": {"en": "random seed", "zh": "随机种子"},
    "optimization.reg.train_mode": {"en": "training mode: model.train()", "zh": "训练模式：model.train()"},
    "optimization.reg.eval_mode": {"en": "evaluation mode: model.eval()", "zh": "评估模式：model.eval()"},
    "optimization.reg.dropout_chart": {
        "en": "nn.Dropout(p={p}) on sixteen ones",
        "zh": "nn.Dropout(p={p}) 作用于十六个 1",
    },
    "optimization.reg.position": {"en": "position", "zh": "位置"},
    "optimization.reg.value": {"en": "output", "zh": "输出"},
    "optimization.reg.dropout_summary": {
        "en": "Training: {kept} of {total} kept, each scaled to {scale}, mean {mean} (expected 1). Eval: unchanged.",
        "zh": "训练时：{total} 个中保留 {kept} 个，每个放大到 {scale}，均值 {mean}（期望为 1）。评估时：不变。",
    },
    "optimization.reg.lr": {"en": "learning rate", "zh": "学习率"},
    "optimization.reg.wd": {"en": "weight decay λ", "zh": "权重衰减 λ"},
    "optimization.reg.grad": {"en": "the data's gradient on the weight", "zh": "数据对该权重的梯度"},
    "optimization.reg.steps": {"en": "steps", "zh": "步数"},
    "optimization.reg.adam_l2": {
        "en": "Adam(weight_decay=λ): L2 in the gradient",
        "zh": "Adam(weight_decay=λ)：L2 加在梯度上",
    },
    "optimization.reg.adamw": {"en": "AdamW(weight_decay=λ): decoupled", "zh": "AdamW(weight_decay=λ)：解耦衰减"},
    "optimization.reg.decay_chart": {
        "en": "One weight starting at 1: how fast each optimizer shrinks it",
        "zh": "从 1 出发的一个权重：两种优化器使其缩小的速度",
    },
    "optimization.reg.weight": {"en": "weight", "zh": "权重"},
    "optimization.reg.decay_summary": {
        "en": "After the last step: Adam {adam}, AdamW {adamw}. Adam divides the L2 pull by the gradient's running "
        "size, so it moves every weight by about the learning rate whatever its size; AdamW shrinks each weight by "
        "lr·λ of itself, as weight decay means.",
        "zh": "最后一步后：Adam 为 {adam}，AdamW 为 {adamw}。Adam 会把 L2 的拉力除以梯度的滑动幅度，因此无论权重大小，"
        "每步都移动约一个学习率；AdamW 则按自身的 lr·λ 比例缩小每个权重，这才是权重衰减的本意。",
    },
    "optimization.reg.overfit_task": {
        "en": "A 128-wide MLP learns 60 noisy points of two spirals and is checked on 300 others (AdamW, lr 0.01).",
        "zh": "一个宽度 128 的 MLP 学习两条螺旋线上 60 个带噪声的点，并在另外 300 个点上检验（AdamW，lr 0.01）。",
    },
    "optimization.reg.none": {"en": "no regularisation", "zh": "无正则化"},
    "optimization.reg.dropout": {"en": "dropout", "zh": "Dropout"},
    "optimization.reg.weight_decay": {"en": "weight decay", "zh": "权重衰减"},
    "optimization.reg.train": {"en": "train", "zh": "训练"},
    "optimization.reg.val": {"en": "validation", "zh": "验证"},
    "optimization.reg.overfit_chart": {
        "en": "Training (dotted) vs validation (solid) loss",
        "zh": "训练损失（虚线）与验证损失（实线）",
    },
    "optimization.reg.overfit_summary": {
        "en": "{name}: training loss {train}, validation loss {val}, validation accuracy {accuracy}",
        "zh": "{name}：训练损失 {train}，验证损失 {val}，验证准确率 {accuracy}",
    },
}
