"""Strings of the Tensors & broadcasting page and of lib/tensors.py, lib/tensors_preprocess.py, lib/tensors_autograd.py."""

STRINGS = {
    # shapes
    "tensors.shape.too_long": {"en": "A shape is at most {limit} characters.", "zh": "形状最多 {limit} 个字符。"},
    "tensors.shape.brackets": {"en": "Brackets do not match in “{text}”.", "zh": "“{text}”中的括号不匹配。"},
    "tensors.shape.empty": {
        "en": "Type a shape such as (2, 1, 3); () is a scalar's shape.",
        "zh": "请输入形状，例如 (2, 1, 3)；() 表示标量的形状。",
    },
    "tensors.shape.empty_item": {
        "en": "“{text}” has an empty item between commas; write each size once, like (2, 1, 3).",
        "zh": "“{text}”中两个逗号之间是空的；请把每个尺寸写一次，例如 (2, 1, 3)。",
    },
    "tensors.shape.not_int": {
        "en": "“{token}” is not a whole number; a shape lists sizes like (2, 1, 3).",
        "zh": "“{token}”不是整数；形状由尺寸组成，例如 (2, 1, 3)。",
    },
    "tensors.shape.negative": {
        "en": "A size cannot be negative ({size}). Zero is allowed: PyTorch accepts 0-size dims (a tensor with no numbers).",
        "zh": "尺寸不能为负（{size}）。0 是允许的：PyTorch 接受大小为 0 的维度（不含任何数的张量）。",
    },
    "tensors.shape.too_big": {
        "en": "A single dim of {size} is beyond this lesson's limit of {limit}.",
        "zh": "单个维度 {size} 超过了本课的上限 {limit}。",
    },
    "tensors.shape.too_many_dims": {
        "en": "{count} dims is too many here (at most {limit}).",
        "zh": "维度太多（{count} 个），这里最多 {limit} 个。",
    },
    # broadcasting
    "tensors.broadcast.need_two": {"en": "Broadcasting needs at least two shapes.", "zh": "广播至少需要两个形状。"},
    "tensors.broadcast.too_many": {
        "en": "That is {count} shapes; this explainer takes at most {limit} at a time.",
        "zh": "共有 {count} 个形状；这里一次最多解释 {limit} 个。",
    },
    "tensors.broadcast.ok": {
        "en": "They broadcast to {result}; {stretched} dim(s) stretch.",
        "zh": "它们广播为 {result}；有 {stretched} 个维度被扩展。",
    },
    "tensors.broadcast.fails": {
        "en": "They do not broadcast: at dim {dim} (counting from the right) the sizes are {sizes}. "
        "Sizes must be equal, or 1 (a 1 is stretched).",
        "zh": "无法广播：在第 {dim} 维（从右数）尺寸为 {sizes}。尺寸必须相等，或为 1（1 会被扩展）。",
    },
    # matmul / einsum
    "tensors.matmul.unknown_op": {"en": "Unknown operation {op}.", "zh": "未知运算 {op}。"},
    "tensors.matmul.scalar": {
        "en": "Both arguments need at least 1 dim: a scalar has no rows or columns to multiply.",
        "zh": "两个参数都至少需要 1 维：标量没有可相乘的行或列。",
    },
    "tensors.matmul.rank": {
        "en": "torch.{op} needs a {need_a}-D and a {need_b}-D tensor but got {a}-D and {b}-D (it does not broadcast; "
        "torch.matmul does).",
        "zh": "torch.{op} 需要 {need_a} 维和 {need_b} 维张量，但得到 {a} 维和 {b} 维（它不广播；torch.matmul 会）。",
    },
    "tensors.matmul.bmm_batch": {
        "en": "torch.bmm needs the same batch size, got {a} and {b} (no broadcasting).",
        "zh": "torch.bmm 要求批大小相同，实际为 {a} 和 {b}（不广播）。",
    },
    "tensors.matmul.batch_fails": {
        "en": "The batch dims (all but the last two) do not broadcast at dim {dim}.",
        "zh": "批维度（除最后两维外）在第 {dim} 维无法广播。",
    },
    "tensors.matmul.inner": {
        "en": "Inner dims disagree: a's last dim is {k_a} but b's is {k_b}; they are summed over, so they must match.",
        "zh": "内侧维度不一致：a 的最后一维是 {k_a}，b 的对应维是 {k_b}；它们要被求和，所以必须相等。",
    },
    "tensors.matmul.ok": {"en": "Result shape {result}.", "zh": "结果形状 {result}。"},
    "tensors.matmul.note.dot": {
        "en": "Both are 1-D: this is a dot product, the result is a scalar.",
        "zh": "两者都是 1 维：这是点积，结果是标量。",
    },
    "tensors.matmul.note.a_vector": {
        "en": "a is 1-D: it is read as a (1, k) row, and that 1 is removed from the result.",
        "zh": "a 是 1 维：被视为 (1, k) 的行向量，结果中再去掉这个 1。",
    },
    "tensors.matmul.note.b_vector": {
        "en": "b is 1-D: it is read as a (k, 1) column, and that 1 is removed from the result.",
        "zh": "b 是 1 维：被视为 (k, 1) 的列向量，结果中再去掉这个 1。",
    },
    "tensors.matmul.note.batch": {
        "en": "Dims before the last two are batch dims: they broadcast like elementwise ops.",
        "zh": "最后两维之前的是批维度：它们像逐元素运算一样广播。",
    },
    "tensors.einsum.syntax": {
        "en": "“{equation}” is not an equation like ij,jk->ik (letters, one comma, optional ->).",
        "zh": "“{equation}”不是形如 ij,jk->ik 的方程（字母、一个逗号、可选的 ->）。",
    },
    "tensors.einsum.rank": {
        "en": "Operand {name} has {ndim} dims but “{letters}” names a different number.",
        "zh": "操作数 {name} 有 {ndim} 维，但“{letters}”给出的字母数不同。",
    },
    "tensors.einsum.repeated": {
        "en": "“{letters}” repeats a letter (a diagonal); this lesson keeps one letter per dim.",
        "zh": "“{letters}”有重复字母（取对角线）；本课每维只用一个字母。",
    },
    "tensors.einsum.clash": {
        "en": "Letter {letter} is {first} in one place and {second} in another; sizes of a letter must agree (or be 1).",
        "zh": "字母 {letter} 一处为 {first}，另一处为 {second}；同一字母的尺寸必须一致（或为 1）。",
    },
    "tensors.einsum.output": {
        "en": "Output “{output}” must use each input letter at most once.",
        "zh": "输出“{output}”只能使用输入中出现过的字母，且每个最多一次。",
    },
    # expressions
    "tensors.expr.empty": {
        "en": "Type an expression, e.g. sum(w * x + b).",
        "zh": "请输入表达式，例如 sum(w * x + b)。",
    },
    "tensors.expr.too_long": {
        "en": "Expressions are at most {limit} characters here.",
        "zh": "表达式最多 {limit} 个字符。",
    },
    "tensors.expr.syntax": {
        "en": "This is not a valid expression (check brackets and operators).",
        "zh": "这不是有效的表达式（请检查括号和运算符）。",
    },
    "tensors.expr.literal": {
        "en": "Only numbers are allowed as constants, not {text}.",
        "zh": "常量只能是数字，不能是 {text}。",
    },
    "tensors.expr.big_number": {"en": "Numbers are limited to ±{limit}.", "zh": "数字限制在 ±{limit} 以内。"},
    "tensors.expr.name": {
        "en": "Unknown name “{name}”: the variables are {allowed}.",
        "zh": "未知名称“{name}”：可用变量为 {allowed}。",
    },
    "tensors.expr.operator": {"en": "Only + - * / ** are allowed.", "zh": "只允许 + - * / **。"},
    "tensors.expr.exponent": {
        "en": "After ** write a plain number between -{limit} and {limit} (e.g. x ** 2).",
        "zh": "** 后面须是 -{limit} 到 {limit} 之间的数字（例如 x ** 2）。",
    },
    "tensors.expr.function": {
        "en": "Only these functions can be called: {allowed}.",
        "zh": "只能调用这些函数：{allowed}。",
    },
    "tensors.expr.arguments": {"en": "{name}(…) takes exactly one argument.", "zh": "{name}(…) 只接受一个参数。"},
    "tensors.expr.syntax_element": {
        "en": "“{kind}” is not part of this little language (numbers, x, w, b, + - * / **, and function calls).",
        "zh": "“{kind}”不属于这个小语言（数字、x、w、b、+ - * / ** 和函数调用）。",
    },
    "tensors.expr.no_variable": {
        "en": "Use at least one variable ({allowed}): a constant has no gradient to show.",
        "zh": "请至少使用一个变量（{allowed}）：常量没有可展示的梯度。",
    },
    "tensors.expr.torch_error": {"en": "PyTorch refused: {detail}", "zh": "PyTorch 报错：{detail}"},
    "tensors.values.empty": {"en": "Give at least one number for {name}.", "zh": "请为 {name} 至少输入一个数。"},
    "tensors.values.too_many": {"en": "{name} takes at most {limit} numbers.", "zh": "{name} 最多 {limit} 个数。"},
    "tensors.values.not_number": {
        "en": "“{token}” in {name} is not a finite number.",
        "zh": "{name} 中的“{token}”不是有限数。",
    },
    # CSV / preprocessing
    "tensors.csv.empty": {"en": "The file is empty.", "zh": "文件是空的。"},
    "tensors.csv.binary": {
        "en": "This looks like a binary file, not a CSV text file.",
        "zh": "这看起来是二进制文件，而不是 CSV 文本文件。",
    },
    "tensors.csv.latin1": {
        "en": "The file is not valid UTF-8 (byte {position}); it was read as Latin-1, so some letters may look wrong.",
        "zh": "文件不是有效的 UTF-8（第 {position} 字节）；已按 Latin-1 读取，部分字符可能显示不正确。",
    },
    "tensors.csv.too_big": {
        "en": "The file has {size} bytes; the limit here is {limit}.",
        "zh": "文件有 {size} 字节；这里的上限是 {limit}。",
    },
    "tensors.csv.too_wide": {
        "en": "The file has {columns} columns; at most {limit} are shown here.",
        "zh": "文件有 {columns} 列；这里最多 {limit} 列。",
    },
    "tensors.csv.no_rows": {"en": "The table has no data rows.", "zh": "表格没有数据行。"},
    "tensors.csv.truncated": {
        "en": "Only the first {limit} rows were read.",
        "zh": "只读取了前 {limit} 行。",
    },
    "tensors.csv.unreadable": {
        "en": "pandas could not read this CSV: {detail}",
        "zh": "pandas 无法读取此 CSV：{detail}",
    },
    "tensors.prep.empty_column": {
        "en": "Column {column} has no numbers at all: its mean is NaN, so it stays NaN.",
        "zh": "列 {column} 完全没有数值：其均值为 NaN，因此仍是 NaN。",
    },
    "tensors.prep.mixed": {
        "en": "Columns {columns} mix numbers and text, so pandas reads them as text and they are one-hot encoded.",
        "zh": "列 {columns} 混合了数字和文本，pandas 会把它们当作文本，因此被独热编码。",
    },
    "tensors.prep.all_text": {
        "en": "No numeric column: every column is one-hot encoded.",
        "zh": "没有数值列：每一列都被独热编码。",
    },
    "tensors.prep.too_many_categories": {
        "en": "One-hot encoding would make {width} columns (limit {limit}): a text column has too many distinct values.",
        "zh": "独热编码会产生 {width} 列（上限 {limit}）：某个文本列的不同取值太多。",
    },
    "tensors.prep.no_inputs": {
        "en": "The target is the only column, so no inputs are left. Choose “—” as the target to use it as an input.",
        "zh": "目标是唯一的一列，没有剩下输入列。请把目标选为“—”，把它当作输入。",
    },
    "tensors.prep.no_target": {"en": "There is no column {column}.", "zh": "没有列 {column}。"},
    "tensors.prep.bad_target": {
        "en": "The target column {column} has {count} missing or non-numeric values.",
        "zh": "目标列 {column} 有 {count} 个缺失或非数值的值。",
    },
    # page: tabs
    "tensors.tab.broadcast": {"en": "Broadcasting", "zh": "广播"},
    "tensors.tab.matmul": {"en": "Matmul shapes", "zh": "矩阵乘法形状"},
    "tensors.tab.ops": {"en": "Operations", "zh": "常用操作"},
    "tensors.tab.layouts": {"en": "Layouts", "zh": "数据布局"},
    "tensors.tab.autograd": {"en": "Autograd", "zh": "自动求导"},
    "tensors.tab.preprocess": {"en": "Preprocessing", "zh": "数据预处理"},
    # page: broadcasting
    "tensors.bc.intro": {
        "en": "Shapes are aligned from the right. In each column the sizes must be equal, or 1 (or missing): "
        "a 1 is stretched by repeating its single element, without copying memory.",
        "zh": "形状从右对齐。每一列的尺寸必须相等，或为 1（或缺失）：1 会通过重复其唯一元素被扩展，而不复制内存。",
    },
    "tensors.bc.shapes": {"en": "Shapes, one per line", "zh": "形状，每行一个"},
    "tensors.bc.help": {
        "en": "e.g. (2, 1, 3) or [5,1,4,1] or 2x3; () is a scalar; 0-size dims are allowed.",
        "zh": "例如 (2, 1, 3)、[5,1,4,1] 或 2x3；() 是标量；允许大小为 0 的维度。",
    },
    "tensors.bc.result": {"en": "result", "zh": "结果"},
    "tensors.bc.ours": {"en": "Our rule:", "zh": "我们的规则："},
    "tensors.bc.torch": {"en": "PyTorch says:", "zh": "PyTorch 的结果："},
    "tensors.bc.size": {
        "en": "The result holds {count} numbers ({size} as float32) — computed from the shape, nothing allocated.",
        "zh": "结果包含 {count} 个数（float32 下 {size}）——由形状计算，未分配内存。",
    },
    "tensors.bc.too_many_drawn": {
        "en": "Real tensors are drawn for at most {limit} shapes at a time.",
        "zh": "一次最多为 {limit} 个形状画出真实张量。",
    },
    "tensors.bc.too_big": {
        "en": "Real tensors are shown when the result has at most {limit} elements (and none is 0).",
        "zh": "结果最多 {limit} 个元素（且不为 0）时才显示真实张量。",
    },
    "tensors.bc.colour_note": {
        "en": "Each colour is one source element: in the stretched copy you can see which element fills each result cell.",
        "zh": "每种颜色代表一个源元素：在扩展后的副本中可以看到每个结果单元由哪个元素填充。",
    },
    "tensors.bc.expanded": {"en": "{name}.expand{result}", "zh": "{name}.expand{result}"},
    "tensors.bc.sum": {"en": "{names}, computed by PyTorch:", "zh": "{names}，由 PyTorch 计算："},
    # page: matmul
    "tensors.mm.intro": {
        "en": "a @ b sums over a's last dim and b's second-to-last; everything before the last two dims is a batch "
        "and broadcasts. mm, mv, dot and bmm accept one rank each and never broadcast.",
        "zh": "a @ b 对 a 的最后一维和 b 的倒数第二维求和；最后两维之前都是批维度并会广播。"
        "mm、mv、dot 和 bmm 只接受固定维数，不广播。",
    },
    "tensors.mm.op": {"en": "Operation", "zh": "运算"},
    "tensors.mm.shape_a": {"en": "Shape of a", "zh": "a 的形状"},
    "tensors.mm.shape_b": {"en": "Shape of b", "zh": "b 的形状"},
    "tensors.mm.equation": {"en": "einsum equation", "zh": "einsum 方程"},
    "tensors.mm.torch_ok": {"en": "no error.", "zh": "没有报错。"},
    "tensors.mm.result": {"en": "result", "zh": "结果"},
    "tensors.mm.too_big": {
        "en": "Values are shown when each operand has at most {limit} elements.",
        "zh": "每个操作数最多 {limit} 个元素时才显示数值。",
    },
    "tensors.mm.einsum_ok": {
        "en": "Result shape {result}; letter sizes: {letters}.",
        "zh": "结果形状 {result}；各字母尺寸：{letters}。",
    },
    "tensors.mm.summed": {"en": "Summed over: {letters}.", "zh": "被求和的字母：{letters}。"},
    "tensors.mm.picture.caption": {
        "en": "Each rectangle is a matrix, its sides proportional to its dims. a's rows line up with the result's "
        "rows and b's columns with its columns; the orange side k is multiplied pair by pair and summed, so it "
        "disappears from the result (red when a's and b's k differ).",
        "zh": "每个矩形是一个矩阵，边长与维度成正比。a 的行与结果的行对齐，b 的列与结果的列对齐；"
        "橙色的边 k 逐对相乘再求和，因此在结果中消失（a 和 b 的 k 不相等时显示为红色）。",
    },
    "tensors.mm.picture.batch": {
        "en": "repeated for every batch index {batch}",
        "zh": "对每个批次下标 {batch} 重复一次",
    },
    "tensors.mm.picture.none": {
        "en": "The picture is drawn for matrix-product equations such as ij,jk->ik.",
        "zh": "只为 ij,jk->ik 这类矩阵乘法方程画图。",
    },
    # page: operations
    "tensors.ops.pick": {"en": "Operation", "zh": "操作"},
    "tensors.ops.name.cat": {"en": "cat vs stack", "zh": "cat 与 stack"},
    "tensors.ops.name.sum": {"en": "sum / mean with dim and keepdim", "zh": "带 dim 和 keepdim 的 sum / mean"},
    "tensors.ops.name.view": {"en": "reshape vs view", "zh": "reshape 与 view"},
    "tensors.ops.name.permute": {"en": "permute / transpose and strides", "zh": "permute / transpose 与步长"},
    "tensors.ops.name.squeeze": {"en": "squeeze / unsqueeze", "zh": "squeeze / unsqueeze"},
    "tensors.ops.name.index": {"en": "indexing and slicing", "zh": "索引与切片"},
    "tensors.ops.name.inplace": {"en": "in-place vs out-of-place", "zh": "原地与非原地操作"},
    "tensors.ops.name.clone": {"en": "clone vs view", "zh": "clone 与 view"},
    "tensors.ops.name.norm": {"en": "L1 and L2 norms", "zh": "L1 与 L2 范数"},
    "tensors.ops.name.dtype": {"en": "dtype and memory size", "zh": "数据类型与内存大小"},
    "tensors.ops.empty_table": {"en": "Table {name} is empty.", "zh": "表 {name} 是空的。"},
    "tensors.ops.bad_cell": {
        "en": "Every cell of {name} must hold a number.",
        "zh": "{name} 的每个单元格都必须是数字。",
    },
    "tensors.ops.y_rows": {"en": "Rows of Y", "zh": "Y 的行数"},
    "tensors.ops.cat.note": {
        "en": "cat joins along an existing dim (the other dims must match); stack adds a new dim (all shapes must match).",
        "zh": "cat 沿已有维度拼接（其余维度须相同）；stack 新增一个维度（所有形状须相同）。",
    },
    "tensors.ops.sum.keepdim_note": {
        "en": "Without keepdim the summed dim disappears, so the shapes no longer line up from the right. "
        "keepdim=True keeps it as size 1, which broadcasts.",
        "zh": "没有 keepdim 时被求和的维度消失，形状从右对齐就不再匹配；keepdim=True 把它保留为 1，可以广播。",
    },
    "tensors.ops.shape": {"en": "Shape", "zh": "形状"},
    "tensors.ops.strides": {
        "en": "shape {shape}, strides {strides}, contiguous: {contiguous}",
        "zh": "形状 {shape}，步长 {strides}，连续：{contiguous}",
    },
    "tensors.ops.view.source": {"en": "Shape of x", "zh": "x 的形状"},
    "tensors.ops.view.target": {"en": "New shape", "zh": "新形状"},
    "tensors.ops.view.transpose": {"en": "Transpose x first", "zh": "先转置 x"},
    "tensors.ops.view.limits": {
        "en": "Use at most {limit} elements, and at least 2 dims to transpose.",
        "zh": "最多 {limit} 个元素；转置至少需要 2 维。",
    },
    "tensors.ops.view.copied": {
        "en": "reshape copied the data: {copied} (it copies only when a view is impossible).",
        "zh": "reshape 是否复制了数据：{copied}（只有无法创建视图时才复制）。",
    },
    "tensors.ops.permute.order": {"en": "Order of dims", "zh": "维度顺序"},
    "tensors.ops.permute.note": {
        "en": "permute and transpose only swap strides: no data moves, and the result is usually not contiguous.",
        "zh": "permute 和 transpose 只交换步长：数据不移动，结果通常不连续。",
    },
    "tensors.ops.squeeze.note": {
        "en": "squeeze() drops every size-1 dim; squeeze(d) drops dim d only if it is 1; unsqueeze(d) inserts a 1.",
        "zh": "squeeze() 去掉所有大小为 1 的维度；squeeze(d) 仅当第 d 维为 1 时去掉它；unsqueeze(d) 插入一个 1。",
    },
    "tensors.ops.index.rows": {"en": "Rows start:stop", "zh": "行 start:stop"},
    "tensors.ops.index.cols": {"en": "Columns start:stop", "zh": "列 start:stop"},
    "tensors.ops.inplace.same_id": {"en": "same id()", "zh": "id() 相同"},
    "tensors.ops.inplace.same_ptr": {"en": "same data_ptr()", "zh": "data_ptr() 相同"},
    "tensors.ops.inplace.note": {
        "en": "Z[:] = … and X += … write into the existing memory; X = X + Y builds a new tensor and rebinds the name.",
        "zh": "Z[:] = … 和 X += … 写入已有内存；X = X + Y 新建张量并重新绑定名字。",
    },
    "tensors.ops.clone.index": {"en": "Index of a to change", "zh": "要修改的 a 的下标"},
    "tensors.ops.clone.value": {"en": "New value", "zh": "新值"},
    "tensors.ops.clone.shares": {
        "en": "The view shares a's memory: {view}; the clone does: {clone}.",
        "zh": "视图是否共享 a 的内存：{view}；克隆是否共享：{clone}。",
    },
    "tensors.ops.norm.scratch": {"en": "from scratch", "zh": "手写实现"},
    "tensors.ops.dtype.size": {
        "en": "{element} bytes per element × {count} elements = {bytes} bytes ({total}); computed, nothing allocated.",
        "zh": "每个元素 {element} 字节 × {count} 个元素 = {bytes} 字节（{total}）；仅计算，未分配内存。",
    },
    # page: layouts
    "tensors.lay.pick": {"en": "Layout", "zh": "布局"},
    "tensors.lay.image": {"en": "Images NCHW", "zh": "图像 NCHW"},
    "tensors.lay.audio": {"en": "Audio [batch, time, freq]", "zh": "音频 [batch, time, freq]"},
    "tensors.lay.llm": {"en": "LLM [batch, seq, hidden]", "zh": "大模型 [batch, seq, hidden]"},
    "tensors.lay.size": {"en": "size", "zh": "尺寸"},
    "tensors.lay.stride": {"en": "stride", "zh": "步长"},
    "tensors.lay.bytes": {"en": "bytes", "zh": "字节数"},
    "tensors.lay.readable": {"en": "about", "zh": "约合"},
    "tensors.lay.kernel": {"en": "kernel size", "zh": "卷积核大小（`kernel_size`）"},
    "tensors.lay.stride_arg": {"en": "stride", "zh": "步幅（`stride`）"},
    "tensors.lay.padding": {"en": "padding", "zh": "填充（`padding`）"},
    "tensors.lay.count": {"en": "Shape {shape}: {count} numbers.", "zh": "形状 {shape}：共 {count} 个数。"},
    "tensors.lay.layer.image": {"en": "A Conv2d on it", "zh": "对它做 Conv2d"},
    "tensors.lay.layer.audio": {"en": "A Conv1d over time (channels = freq)", "zh": "沿时间做 Conv1d（通道 = freq）"},
    "tensors.lay.layer.llm": {"en": "A Linear layer on the hidden dim", "zh": "对 hidden 维做 Linear"},
    "tensors.lay.out": {"en": "Output channels / features", "zh": "输出通道数 / 特征数"},
    "tensors.lay.output": {
        "en": "{code} → output {shape}, {parameters} parameters, {size} of float32 activations (computed on the meta device).",
        "zh": "{code} → 输出 {shape}，{parameters} 个参数，float32 激活占 {size}（在 meta 设备上计算）。",
    },
    "tensors.layout.positive": {"en": "Sizes must be positive.", "zh": "尺寸必须为正数。"},
    "tensors.layout.torch_error": {"en": "PyTorch refused: {detail}", "zh": "PyTorch 报错：{detail}"},
    # page: autograd
    "tensors.ag.output": {"en": "output", "zh": "输出"},
    "tensors.ag.d2l_title": {"en": "y = 2·xᵀx, so x.grad = 4x", "zh": "y = 2·xᵀx，因此 x.grad = 4x"},
    "tensors.ag.passes": {"en": "backward() passes", "zh": "backward() 次数"},
    "tensors.ag.zero": {"en": "x.grad.zero_() before each pass", "zh": "每次前执行 x.grad.zero_()"},
    "tensors.ag.check": {
        "en": "y = {y:g}; x.grad == 4x: {equal} (without zero_() gradients add up over passes).",
        "zh": "y = {y:g}；x.grad == 4x：{equal}（不调用 zero_() 时梯度会逐次累加）。",
    },
    "tensors.ag.detach_title": {
        "en": "detach(): a constant cut out of the graph",
        "zh": "detach()：从计算图中切出的常量",
    },
    "tensors.ag.detach_check": {
        "en": "z = u·x with u = (x·x).detach(): x.grad == u: {equal} (no gradient flows through u).",
        "zh": "z = u·x，u = (x·x).detach()：x.grad == u：{equal}（梯度不经过 u）。",
    },
    "tensors.ag.graph_title": {"en": "The graph autograd records", "zh": "自动求导记录的计算图"},
    "tensors.ag.expr_intro": {
        "en": "Type an expression in x, w, b with numbers, + - * / ** (a number after **), and sin, cos, exp, log, "
        "relu, sigmoid, tanh, sum, mean. It is parsed, never run as Python.",
        "zh": "用 x、w、b、数字、+ - * / **（** 后须是数字）以及 sin、cos、exp、log、relu、sigmoid、tanh、sum、mean "
        "写一个表达式。它只被解析，不会作为 Python 代码运行。",
    },
    "tensors.ag.expr": {"en": "Expression", "zh": "表达式"},
    "tensors.ag.value": {"en": "Value", "zh": "值"},
    "tensors.ag.summed": {
        "en": "The value is not a scalar, so its sum is back-propagated (like out.sum().backward()).",
        "zh": "值不是标量，因此对它的和反向传播（相当于 out.sum().backward()）。",
    },
    # page: preprocessing
    "tensors.prep.upload": {"en": "Or upload a CSV", "zh": "或上传 CSV"},
    "tensors.prep.edit_hint": {
        "en": "A tiny table of houses, house_tiny.csv (NA = missing). Edit cells or add rows.",
        "zh": "一张很小的房屋表 house_tiny.csv（NA = 缺失）。可以编辑单元格或添加行。",
    },
    "tensors.prep.from_upload": {"en": "Using {name}.", "zh": "使用 {name}。"},
    "tensors.prep.target": {"en": "Target column (outputs)", "zh": "目标列（输出）"},
    "tensors.prep.step_inputs": {"en": "inputs", "zh": "输入"},
    "tensors.prep.step_filled": {"en": "numeric NaN → column mean ({means})", "zh": "数值 NaN → 列均值（{means}）"},
    "tensors.prep.step_encoded": {
        "en": "pd.get_dummies(dummy_na=True): NaN is its own category",
        "zh": "pd.get_dummies(dummy_na=True)：NaN 单独作为一个类别",
    },
    "tensors.prep.step_tensor": {"en": "torch.tensor", "zh": "torch.tensor"},
}
