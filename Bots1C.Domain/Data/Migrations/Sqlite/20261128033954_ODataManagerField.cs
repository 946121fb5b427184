using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bots1C.Domain.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ODataManagerField : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ManagerField",
                table: "ODataSources",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ManagerField",
                table: "ODataSources");
        }
    }
}
