using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bots1C.Domain.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OwnerSearchName : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SearchName",
                table: "Owners",
                type: "TEXT",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            // SQLite's lower() folds ASCII only; the app keeps the column with full Unicode folding on every save.
            migrationBuilder.Sql("UPDATE \"Owners\" SET \"SearchName\" = lower(\"Name\");");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SearchName",
                table: "Owners");
        }
    }
}
