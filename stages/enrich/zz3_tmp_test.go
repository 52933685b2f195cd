package enrich
import ("testing";"fmt";"os";"strings";"encoding/json")
func TestZZ3(t *testing.T){
 b,_:=os.ReadFile("/tmp/sector-tools/orgsec.jsonl")
 s:=NewSectors()
 type rec struct{Set,Src,Org string; Gold []*string}
 ok,bad,null:=0,0,0
 for _,l:=range strings.Split(strings.TrimSpace(string(b)),"\n"){
  var r rec; json.Unmarshal([]byte(l),&r)
  got,basis:=s.decide(r.Org,"")
  gs:=[]string{}; hit:=false
  for _,g:=range r.Gold{ if g!=nil {gs=append(gs,*g); if *g==got {hit=true}} else {gs=append(gs,"null"); if got=="" {hit=true}} }
  if hit {ok++; continue}
  if got=="" {null++} else {bad++}
  fmt.Println(r.Set,r.Src,r.Org,"gold",gs,"got",got,basis.rule)
 }
 fmt.Println("ok",ok,"wrong",bad,"null",null)
}
