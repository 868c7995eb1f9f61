"""Strings of the Tensors & broadcasting page and of lib/tensors.py, lib/preprocess.py, lib/autograd_graph.py."""

STRINGS = {
    # shapes
    "tensors.shape.too_long": {"en": "A shape is at most {limit} characters.", "zh": "形状最多 {limit} 个字符。"},
    "tensors.shape.brackets": {"en": "Brackets do not match in “{text}”.", "zh": "“{text}”中的括号不匹配。"},
    "tensors.shape.empty": {
        "en": "Type a shape such as (2, 1, 3); () is a scalar's shape.",
        "zh": "请输入形状，例如 (2, 1, 3)；() 表示标量的形状。",
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
    "tensors.prep.no_target": {"en": "There is no column {column}.", "zh": "没有列 {column}。"},
    "tensors.prep.bad_target": {
        "en": "The target column {column} has {count} missing or non-numeric values.",
        "zh": "目标列 {column} 有 {count} 个缺失或非数值的值。",
    },
}
