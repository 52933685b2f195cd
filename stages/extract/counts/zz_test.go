package counts

import (
	"fmt"
	"testing"
)

func TestZZ(t *testing.T) {
	s := "市によると、17年度の寄付者10万6696人(寄付額17億6189万11円)のうち、任意のアンケートにメッセージを送った1万14人が対象。"
	fmt.Printf("%+v\n", findCounts(s))
}
