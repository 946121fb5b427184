using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bots1C.Domain.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ODataSources : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ODataSources",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    BaseUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ProtectedPassword = table.Column<string>(type: "TEXT", nullable: false),
                    Catalog = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OwnerType = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    NameField = table.Column<string>(type: "TEXT", nullable: false),
                    InnField = table.Column<string>(type: "TEXT", nullable: false),
                    KppField = table.Column<string>(type: "TEXT", nullable: false),
                    ContactInfoTable = table.Column<string>(type: "TEXT", nullable: false),
                    ContactInfoTypeField = table.Column<string>(type: "TEXT", nullable: false),
                    ContactInfoValueField = table.Column<string>(type: "TEXT", nullable: false),
                    IntervalMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    IsEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    LastSyncAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastSyncOk = table.Column<bool>(type: "INTEGER", nullable: true),
                    LastSyncResult = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ODataSources", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ODataSources");
        }
    }
}
