package report

import (
	"context"
	"database/sql"

	"github.com/breachtrend/breachtrend/internal/duck"
)

func openDB(out string) (*sql.DB, error) { return duck.Open(context.Background(), out) }
