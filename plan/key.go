package plan

// Key returns the plan's structure as a compact string: the reduction,
// the ranks (of the kept and reduced axes), the buffers and dtypes of the
// inputs and the output, and every node (kind, dtype, op, loop,
// arguments). Two plans with equal keys differ only in lengths, strides,
// offsets and constant values, so one compiled kernel that takes those as
// parameters serves both: the GPU caches its programs by Key, never by
// shape or source text.
func (k *Kernel) Key() string {
	b := make([]byte, 0, 8+3*len(k.Inputs)+6*len(k.Nodes))
	b = append(b, byte(k.Reduce), byte(len(k.Shape)-k.NReduce), byte(k.NReduce),
		byte(k.Out.Buf+1), byte(k.Out.DType), byte(len(k.Inputs)))
	for _, in := range k.Inputs {
		b = append(b, byte(in.Buf), byte(in.DType))
	}
	for i := range k.Nodes {
		n := &k.Nodes[i]
		b = append(b, byte(n.Kind), byte(n.DType))
		switch n.Kind {
		case Load:
			b = append(b, byte(n.Input))
		case Cast:
			b = append(b, byte(n.Args[0]))
		case Apply:
			b = append(b, byte(n.Op), byte(n.Op.Op().LoopIndex(n.Loop)))
			for a := range n.NArgs() {
				b = append(b, byte(n.Args[a]))
			}
		}
	}
	return string(b)
}
